import type { User } from '../../payload-types'

/** The host's tenant roles, as its users collection stores them. */
export type MetaTenantRole = NonNullable<User['tenants']>[number]['role']

/**
 * The plugin's rows of the host's permission matrix (what each tenant role may do in each of
 * its collections, inside its own tenant; c = create, r = read, u = update, d = delete). The
 * host merges them into its matrix, so its tenant-scoped access, the multi-tenant plugin's
 * collection list and the permission table cover them like every other tenant-owned collection.
 * The inbox: conversations are opened by inbound messages, messages are created by replying
 * (outbound) or by webhooks (inbound); their delivery status is the system's to change.
 */
export const META_PERMISSIONS = {
  conversations: { 'tenant-admin': 'rud', 'marketing-manager': 'r', 'sales-operator': 'ru', 'support-agent': 'ru' },
  messages: { 'tenant-admin': 'cr', 'marketing-manager': 'r', 'sales-operator': 'cr', 'support-agent': 'cr' },
  'message-templates': { 'tenant-admin': 'crud', 'marketing-manager': 'crud', 'sales-operator': 'r', 'support-agent': 'r' },
  automations: { 'tenant-admin': 'crud', 'marketing-manager': 'crud', 'sales-operator': '', 'support-agent': 'r' },
  'meta-events': { 'tenant-admin': 'r', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
} as const satisfies Record<string, Record<MetaTenantRole, string>>

/** The plugin's collections (all tenant-owned). */
export type MetaCollection = keyof typeof META_PERMISSIONS

/** Where a role may update only some fields of a plugin collection (merged into the host's field limits). */
export const META_FIELD_LIMITS = {
  conversations: { 'sales-operator': ['status', 'assignee', 'customer'], 'support-agent': ['status', 'assignee', 'customer'] },
} as const satisfies Partial<Record<MetaCollection, Partial<Record<MetaTenantRole, readonly string[]>>>>
