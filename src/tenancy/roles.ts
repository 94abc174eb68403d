/** Roles a user can hold inside one tenant (one per membership row). */
export const TENANT_ROLES = ['tenant-admin', 'marketing-manager', 'sales-operator', 'support-agent'] as const

export type TenantRole = (typeof TENANT_ROLES)[number]

export const TENANT_ROLE_LABELS: Record<TenantRole, string> = {
  'tenant-admin': 'Tenant admin',
  'marketing-manager': 'Marketing manager',
  'sales-operator': 'Sales operator',
  'support-agent': 'Support agent',
}
