import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { AdminViewServerProps, TypedUser } from 'payload'
import { getFromImportMap } from 'payload/shared'
import type { ReactNode } from 'react'

import { couriersOptions, type ResolvedCouriersOptions } from '../options'
import type { RequireAdminUser, ViewShellProps } from './view-types'

type View = {
  path: `/${string}`
  viewType: string
  label: string
  className: string
  /** Whether the user may see it (the host's rules); otherwise `refusal` is shown. */
  allowed: (options: ResolvedCouriersOptions, user: TypedUser) => boolean
  refusal: string
  body: ReactNode
}

/**
 * A courier admin view in the host's view shell (`admin.viewShell`), after the host's
 * `requireAdminUser` (custom views are public in Payload: a signed-out visitor goes to the login
 * page). The client parts call the REST API, whose access rules decide what they get; the
 * remount key is the shop selected in the admin, so switching shops starts the view afresh.
 */
export function renderCourierView({ importMap, initPageResult, params, searchParams }: AdminViewServerProps, view: View) {
  const options = couriersOptions(initPageResult.req.payload.config)
  const { admin } = options
  const requireAdminUser = getFromImportMap<RequireAdminUser>({ importMap, PayloadComponent: admin.requireAdminUser, schemaPath: 'couriers.admin.requireAdminUser' })
  const user = requireAdminUser({ initPageResult, params, searchParams }, view.path)
  const shop = initPageResult.cookies?.get('payload-tenant') ?? 'none'
  const body = (
    <>
      <h1 className="courier-report__title">{view.label}</h1>
      {view.allowed(options, user) ? (
        <div key={shop}>{view.body}</div>
      ) : (
        <p className="courier-report__empty" role="alert">
          {view.refusal}
        </p>
      )}
    </>
  )
  const shell: ViewShellProps = { initPageResult, params, searchParams, viewType: view.viewType, label: view.label, className: view.className, children: body }
  return RenderServerComponent({ Component: admin.viewShell, importMap, serverProps: shell })
}
