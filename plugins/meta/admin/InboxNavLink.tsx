import type { Payload, TypedUser } from 'payload'
import React from 'react'

import type { User } from '../../../payload-types'
import { metaOptions } from '../options'
import { mayUseInbox } from './may-use-inbox'
import { NavLink } from './NavLink'

/**
 * "Inbox" in the admin's side nav: for the super-admin and for staff of any shop (any role). A
 * server component (`afterNavLinks` get `payload` and `user`), so it asks the host's rules from
 * the plugin's options in the config.
 */
export function InboxNavLink({ payload, user }: { payload: Payload; user?: null | TypedUser }) {
  if (!mayUseInbox(metaOptions(payload.config), user as User | undefined)) return null
  return <NavLink path="/inbox" label="Inbox" id="nav-inbox" />
}
