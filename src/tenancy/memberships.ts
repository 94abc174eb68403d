import { extractID } from 'payload/shared'

import type { User } from '../../payload-types'
import type { TenantRole } from './roles'

type MaybeUser = null | Partial<Pick<User, 'id' | 'roles' | 'tenants'>> | undefined

/** A relationship value's id (populated `{ id }` or the id itself); null for anything else. */
const idOf = (value: unknown): null | string => (typeof value === 'string' || (value !== null && typeof value === 'object' && 'id' in value) ? String(extractID(value as string)) : null)

/** The user's memberships as `{ tenant: id, role }` rows, whether tenants are populated or not. */
export function memberships(user: MaybeUser): { tenant: string; role: TenantRole }[] {
  // A user document being created from a request body may carry anything here (not yet validated).
  const rows: unknown = user?.tenants
  return (Array.isArray(rows) ? (rows as NonNullable<NonNullable<MaybeUser>['tenants']>) : []).flatMap((row) => {
    const tenant = idOf(row?.tenant)
    return tenant && row?.role ? [{ tenant, role: row.role }] : []
  })
}

/** Ids of the tenants in which the user holds one of `roles`. */
export function tenantIdsWithRole(user: MaybeUser, roles: readonly TenantRole[]): string[] {
  return [
    ...new Set(
      memberships(user)
        .filter((m) => roles.includes(m.role))
        .map((m) => m.tenant),
    ),
  ]
}

/** The user's role in one tenant, if any. */
export function roleIn(user: MaybeUser, tenantId: unknown): TenantRole | null {
  const id = idOf(tenantId)
  return memberships(user).find((m) => m.tenant === id)?.role ?? null
}
