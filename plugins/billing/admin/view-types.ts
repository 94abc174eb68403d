import type { AdminViewServerProps, TypedUser } from 'payload'
import type { ReactNode } from 'react'

import type { User } from '../../../payload-types'

type ViewProps = Pick<AdminViewServerProps, 'initPageResult' | 'params' | 'searchParams'>

/** The props the host's view shell (`BillingAdmin.viewShell`) is rendered with: the admin's layout around `children`. */
export type ViewShellProps = ViewProps & { viewType: string; label: string; className: string; children: ReactNode }
/** The host's `requireAdminUser` (`BillingAdmin.requireAdminUser`): the signed-in admin user of a custom view, else a redirect. */
export type RequireAdminUser = (props: ViewProps, path: `/${string}`) => TypedUser
/** The props the host's nav link (`BillingAdmin.navLink`) is rendered with (client props). */
export type NavLinkProps = { path: `/${string}`; label: string; id: string }

/**
 * The host's admin pieces the billing admin is drawn with, by import-map path
 * (`/src/admin/File#export`), as the couriers plugin's: the config never imports React code.
 */
export type BillingAdmin = {
  /** A server component: a custom view inside the admin's own layout (`ViewShellProps`). */
  viewShell: string
  /** A function (`RequireAdminUser`): the signed-in admin user of a custom view, else a redirect (custom views are public). */
  requireAdminUser: string
  /** A client component drawing a side-nav link from `{ path, label, id }`. @default none — no "Billing" link; the view is still at `/admin/billing`. */
  navLink?: string
}

/** Where `withBillingAdmin` keeps the host's pieces for the server components (`config.custom`, server-side only). */
export const BILLING_ADMIN_KEY = 'billingAdmin'

export function billingAdminOf(config: { custom?: Record<string, unknown> }): BillingAdmin {
  const admin = config.custom?.[BILLING_ADMIN_KEY] as BillingAdmin | undefined
  if (!admin) throw new Error('plugins/billing: withBillingAdmin(config, admin) is not in this config.')
  return admin
}

export const BILLING_PATH = '/billing'
export const BILLING_VIEW_KEY = 'billing'

type AnyUser = null | Partial<User> | undefined

/** The platform's super-admin (the `super-admin` role of users). */
export const isBillingSuperAdmin = (user: AnyUser): boolean => Boolean(user?.roles?.includes('super-admin'))

/** A tenant-admin of some shop: the shop's money is theirs to manage. */
export const isTenantAdminSomewhere = (user: AnyUser): boolean => (user?.tenants ?? []).some((m) => m.role === 'tenant-admin')

/** Who sees the Billing view and its nav link: the super-admin and tenant-admins (the endpoints decide per shop). */
export const maySeeBilling = (user: AnyUser): boolean => isBillingSuperAdmin(user) || isTenantAdminSomewhere(user)
