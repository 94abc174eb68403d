import type { User } from '../../payload-types'

/** The host's tenant roles, as its users collection stores them. */
export type AiTenantRole = NonNullable<User['tenants']>[number]['role']

/**
 * The plugin's rows of the host's permission matrix (c = create, r = read, u = update, d = delete;
 * inside the role's own tenant). A shop's AI settings are the tenant-admin's (persona, rules,
 * policy text, auto-reply opt-in); the usage ledger is written by the system only and read by the
 * tenant-admin (what the assistant cost, never what it was asked).
 */
export const AI_PERMISSIONS = {
  'ai-settings': { 'tenant-admin': 'crud', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
  'ai-usage': { 'tenant-admin': 'r', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
} as const satisfies Record<string, Record<AiTenantRole, string>>

/** The plugin's collections (all tenant-owned). */
export type AiCollection = keyof typeof AI_PERMISSIONS

/** Who may ask the assistant in a conversation: the roles that may answer it (create messages). */
export const AI_ROLES = ['tenant-admin', 'sales-operator', 'support-agent'] as const satisfies readonly AiTenantRole[]

/** The assistant's features, as the settings switch them and the ledger names them. */
export const AI_FEATURES = ['suggest-reply', 'summarise', 'draft-order', 'auto-reply'] as const
export type AiFeature = (typeof AI_FEATURES)[number]
