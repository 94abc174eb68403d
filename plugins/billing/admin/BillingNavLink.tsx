import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { Payload, TypedUser } from 'payload'

import { BILLING_PATH, billingAdminOf, maySeeBilling, type NavLinkProps } from './view-types'

/**
 * "Billing" in the admin's side nav, for tenant-admins and the super-admin (view-types.ts). A
 * server component (`afterNavLinks` get `payload` and `user`), so it reads the host's nav link
 * (`BillingAdmin.navLink`, by import-map path) from the config and draws it.
 */
export function BillingNavLink({ payload, user }: { payload: Payload; user?: null | TypedUser }) {
  const navLink = billingAdminOf(payload.config).navLink
  if (!navLink || !maySeeBilling(user)) return null
  const link: NavLinkProps = { path: BILLING_PATH, label: 'Billing', id: 'nav-billing' }
  return RenderServerComponent({ Component: navLink, importMap: payload.importMap, clientProps: link })
}
