import type { User } from '../../../payload-types'
import type { MetaHost } from '../host'

/** The inbox is for the super-admin and for staff of any shop (any role) — by the host's rules. */
export const mayUseInbox = (host: Pick<MetaHost, 'access' | 'tenancy'>, user: null | Partial<User> | undefined): boolean =>
  Boolean(user) && (host.access.isSuperAdmin(user) || host.tenancy.memberships(user).length > 0)
