import type { User } from '../../payload-types'
import type { TenantRole } from './roles'

type MaybeUser = null | Partial<Pick<User, 'id' | 'roles' | 'tenants'>> | undefined

/** The id of a relationship value, populated (`{ id }`) or not (the id itself). */
export const idOf = (value: unknown): null | string => {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && 'id' in value) return String((value as { id: unknown }).id)
  return null
}

/** The user's memberships as `{ tenant: id, role }` rows, whether tenants are populated or not. */
export function memberships(user: MaybeUser): { tenant: string; role: TenantRole }[] {
  return (user?.tenants ?? []).flatMap((row) => {
    const tenant = idOf(row?.tenant)
    return tenant && row?.role ? [{ tenant, role: row.role as TenantRole }] : []
  })
}

/** Ids of the tenants in which the user holds one of `roles`. */
export function tenantIdsWithRole(user: MaybeUser, roles: readonly TenantRole[]): string[] {
  return [...new Set(memberships(user).filter((m) => roles.includes(m.role)).map((m) => m.tenant))]
}

/** The user's role in one tenant, if any. */
export function roleIn(user: MaybeUser, tenantId: unknown): TenantRole | null {
  const id = idOf(tenantId)
  return memberships(user).find((m) => m.tenant === id)?.role ?? null
}

export { idOf as tenantIdOf }
