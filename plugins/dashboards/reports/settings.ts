import type { CollectionConfig, PayloadRequest } from 'payload'

import type { ResolvedDashboardsOptions } from '../options'
import { DASHBOARD_ROLES, type DashboardRole } from '../permissions'

export const REPORT_SETTINGS = 'report-settings' as const
/** Who may download a shop's report when it has no settings document (the super-admin always may). */
export const DEFAULT_EXPORT_ROLES: readonly DashboardRole[] = ['tenant-admin']

/** The host's tenant roles, by name (the matrix's columns). */
type Row = Record<DashboardRole, string>

/**
 * The plugin's rows of the host's permission matrix (c, r, u, d inside the role's own tenant):
 * only a tenant-admin sets who may export; every staff role reads the setting (the Reports view
 * tells each of them who may export and where that is changed — nothing in it is secret).
 */
export const DASHBOARDS_PERMISSIONS = {
  [REPORT_SETTINGS]: { 'tenant-admin': 'crud', 'marketing-manager': 'r', 'sales-operator': 'r', 'support-agent': 'r' },
} as const satisfies Record<string, Row>

export type DashboardsCollection = keyof typeof DASHBOARDS_PERMISSIONS

const LABELS: Record<DashboardRole, string> = { 'tenant-admin': 'Tenant admin', 'marketing-manager': 'Marketing manager', 'sales-operator': 'Sales operator', 'support-agent': 'Support agent' }
export const roleLabel = (role: DashboardRole): string => LABELS[role]

/**
 * The shop's report settings (README, "Reports"): one document per shop — the oldest one counts,
 * as with the other one-per-shop settings (no unique index: the permission matrix's fixtures
 * create several) — with `exportRoles`, the roles that may download the Reports' CSV/XLSX.
 * No document: tenant-admins only. Changes are audited by the host's tenant-owned trail.
 */
export function reportSettingsCollection(options: ResolvedDashboardsOptions): CollectionConfig {
  return options.tenantOwned({
    slug: REPORT_SETTINGS,
    labels: { singular: 'Report settings', plural: 'Report settings' },
    graphQL: { singularName: 'ReportSetting', pluralName: 'ReportSettings' },
    admin: {
      useAsTitle: 'id',
      defaultColumns: ['exportRoles', 'updatedAt'],
      group: 'Shop',
      description: 'Who may download the Reports as CSV or XLSX (one per shop; without one, tenant admins only). The platform’s super-admin always may.',
    },
    fields: [
      {
        name: 'exportRoles',
        label: 'Roles that may export reports',
        type: 'select',
        hasMany: true,
        required: true,
        defaultValue: [...DEFAULT_EXPORT_ROLES],
        options: DASHBOARD_ROLES.map((value) => ({ value, label: LABELS[value] })),
        admin: { description: 'Every download is written to the audit log.' },
      },
      { name: 'note', type: 'textarea', maxLength: 500, admin: { description: 'Why the shop chose these roles (optional; kept in the audit log with each change).' } },
    ],
  })
}

/** The roles that may export the shop's reports: its settings document's, else the default. Run in the tenant's context. */
export async function exportRolesOf(req: PayloadRequest, tenantId: string): Promise<{ roles: readonly DashboardRole[]; settingsId: string | null }> {
  const found = await req.payload.find({ collection: REPORT_SETTINGS, where: { tenant: { equals: tenantId } }, sort: 'createdAt', limit: 1, depth: 0, overrideAccess: true, req })
  const doc = found.docs[0] as { id: string; exportRoles?: DashboardRole[] | null } | undefined
  return { roles: doc?.exportRoles?.length ? doc.exportRoles : DEFAULT_EXPORT_ROLES, settingsId: doc ? String(doc.id) : null }
}

/** Whether `role` may export under `roles` (the super-admin always may). */
export const mayExport = (roles: readonly DashboardRole[], role: DashboardRole | 'super-admin' | null): boolean => role === 'super-admin' || (role !== null && roles.includes(role))

/** "Tenant admin and Sales operator" — who may export, for the refusal and the view. */
export const whoMayExport = (roles: readonly DashboardRole[]): string => {
  const names = roles.map((r) => LABELS[r])
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
