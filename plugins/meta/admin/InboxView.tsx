import type { AdminViewServerProps } from 'payload'
import React from 'react'

import type { User } from '../../../payload-types'
import { metaOptions } from '../options'
import { InboxClient } from './inbox/InboxClient'
import { mayUseInbox } from './may-use-inbox'
import { requireAdminUser, ViewShell } from './ViewShell'
import './inbox-view.scss'

/**
 * The admin's Inbox (`/admin/inbox`): WhatsApp and Messenger conversations of the shop selected
 * in the admin, with their threads, replies, assignment and "Create order". Custom admin views
 * are public in Payload, so this one checks the user itself; the REST API it calls applies the
 * collections' own access rules.
 */
export function InboxView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const user = requireAdminUser({ initPageResult, params, searchParams }, '/inbox')
  const allowed = mayUseInbox(metaOptions(initPageResult.req.payload.config), user as User)

  return (
    <ViewShell initPageResult={initPageResult} params={params} searchParams={searchParams} viewType="inbox" label="Inbox" className="inbox-view">
      <h1 className="inbox-view__title">Inbox</h1>
      {allowed ? (
        <InboxClient />
      ) : (
        <p className="inbox__empty" role="alert">
          You do not belong to any shop, so there is no inbox to show.
        </p>
      )}
    </ViewShell>
  )
}
