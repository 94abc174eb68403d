import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { Payload, TypedUser } from 'payload'

import type { NavLinkProps } from '../host'
import { metaOptions } from '../options'
import { mayUseInbox } from './may-use-inbox'

/**
 * "Inbox" in the admin's side nav: for the super-admin and for staff of any shop (any role). A
 * server component (`afterNavLinks` get `payload` and `user`), so it asks the host's rules from
 * the plugin's options in the config, then draws the host's nav link (`admin.navLink`, by
 * import-map path).
 */
export function InboxNavLink({ payload, user }: { payload: Payload; user?: null | TypedUser }) {
  const options = metaOptions(payload.config)
  if (!options.admin.navLink || !mayUseInbox(options, user)) return null
  const link: NavLinkProps = { path: '/inbox', label: 'Inbox', id: 'nav-inbox' }
  return RenderServerComponent({ Component: options.admin.navLink, importMap: payload.importMap, clientProps: link })
}
