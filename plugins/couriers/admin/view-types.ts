import type { AdminViewServerProps, TypedUser } from 'payload'
import type { ReactNode } from 'react'

import type { User } from '../../../payload-types'
import type { CouriersHost } from '../host'

type ViewProps = Pick<AdminViewServerProps, 'initPageResult' | 'params' | 'searchParams'>

/** The props the host's view shell (`options.admin.viewShell`) is rendered with: the admin's layout around `children`. */
export type ViewShellProps = ViewProps & { viewType: string; label: string; className: string; children: ReactNode }
/** The host's `requireAdminUser` (`options.admin.requireAdminUser`): the signed-in admin user of a custom view, else a redirect. */
export type RequireAdminUser = (props: ViewProps, path: `/${string}`) => TypedUser
/** The props the host's nav link (`options.admin.navLink`) is rendered with (client props). */
export type NavLinkProps = { path: `/${string}`; label: string; id: string }

type AnyUser = null | Partial<User> | undefined
const rolesOf = (user: AnyUser) => (user?.tenants ?? []).map((m) => m.role)

/**
 * Who sees the reconciliation: the super-admin, and staff whose role in some shop may read the
 * courier payouts (money is the account owner's: tenant-admins). The endpoint decides per shop.
 */
export const mayReconcile = (host: Pick<CouriersHost, 'access'>, user: AnyUser): boolean =>
  Boolean(user) && (host.access.isSuperAdmin(user) || rolesOf(user).some((r) => host.access.rolesAllowed('courier-payouts', 'read').includes(r)))

/** Who sees the courier performance: the super-admin, and staff whose role in some shop may read shipments. */
export const mayReadPerformance = (host: Pick<CouriersHost, 'access'>, user: AnyUser): boolean =>
  Boolean(user) && (host.access.isSuperAdmin(user) || rolesOf(user).some((r) => host.access.rolesAllowed('shipments', 'read').includes(r)))

export const RECONCILIATION_PATH = '/couriers/reconciliation'
export const PERFORMANCE_PATH = '/couriers/performance'
