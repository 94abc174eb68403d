import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { AdminViewServerProps } from 'payload'
import { getFromImportMap } from 'payload/shared'

import type { RequireAdminUser, ViewShellProps } from '../host'
import { metaOptions } from '../options'
import { InboxClient } from './inbox/InboxClient'
import { mayUseInbox } from './may-use-inbox'
import './inbox-view.scss'

/**
 * The admin's Inbox (`/admin/inbox`): WhatsApp and Messenger conversations of the shop selected
 * in the admin, with their threads, replies, assignment and "Create order". Custom admin views
 * are public in Payload, so this one checks the user itself (the host's `requireAdminUser`); the
 * REST API it calls applies the collections' own access rules. Drawn in the host's view shell.
 */
export function InboxView({ importMap, initPageResult, params, searchParams }: AdminViewServerProps) {
  const options = metaOptions(initPageResult.req.payload.config)
  const { admin } = options
  const requireAdminUser = getFromImportMap<RequireAdminUser>({ importMap, PayloadComponent: admin.requireAdminUser, schemaPath: 'meta.admin.requireAdminUser' })
  const user = requireAdminUser({ initPageResult, params, searchParams }, '/inbox')
  const allowed = mayUseInbox(options, user)

  const body = (
    <>
      <h1 className="inbox-view__title">Inbox</h1>
      {allowed ? (
        <InboxClient threadTools={admin.threadTools ? RenderServerComponent({ Component: admin.threadTools, importMap }) : null} />
      ) : (
        <p className="inbox__empty" role="alert">
          You do not belong to any shop, so there is no inbox to show.
        </p>
      )}
    </>
  )
  const shell: ViewShellProps = { initPageResult, params, searchParams, viewType: 'inbox', label: 'Inbox', className: 'inbox-view', children: body }
  return RenderServerComponent({ Component: admin.viewShell, importMap, serverProps: shell })
}
