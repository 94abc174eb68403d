import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { Payload, TypedUser } from 'payload'

import { couriersOptions } from '../options'
import { mayReadPerformance, mayReconcile, type NavLinkProps, PERFORMANCE_PATH, RECONCILIATION_PATH } from './view-types'

/**
 * "COD reconciliation" and "Courier performance" in the admin's side nav, each for whom the
 * view is (view-types.ts). A server component (`afterNavLinks` get `payload` and `user`), so
 * it asks the host's rules from the plugin's options in the config, then draws the host's nav
 * link (`admin.navLink`, by import-map path).
 */
export function CouriersNavLinks({ payload, user }: { payload: Payload; user?: null | TypedUser }) {
  const options = couriersOptions(payload.config)
  const navLink = options.admin.navLink
  if (!navLink) return null
  const links: NavLinkProps[] = [
    ...(mayReconcile(options, user) ? [{ path: RECONCILIATION_PATH, label: 'COD reconciliation', id: 'nav-couriers-reconciliation' } as const] : []),
    ...(mayReadPerformance(options, user) ? [{ path: PERFORMANCE_PATH, label: 'Courier performance', id: 'nav-couriers-performance' } as const] : []),
  ]
  if (links.length === 0) return null
  return <>{links.map((link) => RenderServerComponent({ Component: navLink, importMap: payload.importMap, clientProps: link, key: link.id }))}</>
}
