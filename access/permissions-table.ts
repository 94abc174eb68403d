import { FIELD_LIMITS, PERMISSIONS, type TenantCollection } from './permissions'
import { TENANT_ROLES } from '../src/tenancy/roles'

const WORDS: Record<string, string> = { c: 'create', r: 'read', u: 'update', d: 'delete' }

const cell = (collection: TenantCollection, role: (typeof TENANT_ROLES)[number]) => {
  const letters = PERMISSIONS[collection][role] as string
  if (!letters) return '—'
  const limited = FIELD_LIMITS[collection]?.[role]
  return [...letters].map((l) => (l === 'u' && limited ? `update (${limited.join(', ')} only)` : WORDS[l])).join(', ')
}

/** The README's permission table, generated from access/permissions.ts (a test keeps them equal). */
export function permissionsTable(): string {
  const header = `| collection | ${TENANT_ROLES.join(' | ')} | storefront (anonymous / API key) |`
  const rule = `| --- | ${TENANT_ROLES.map(() => '---').join(' | ')} | --- |`
  const storefront: Partial<Record<TenantCollection, string>> = { products: 'read (active only)', media: 'read' }
  const rows = (Object.keys(PERMISSIONS) as TenantCollection[]).map((c) => `| ${c} | ${TENANT_ROLES.map((r) => cell(c, r)).join(' | ')} | ${storefront[c] ?? '—'} |`)
  return [header, rule, ...rows].join('\n')
}
