import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter, SetStepNav } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps, TypedUser } from 'payload'
import { formatAdminURL } from 'payload/shared'
import type { ReactNode } from 'react'

type Props = Pick<AdminViewServerProps, 'initPageResult' | 'params' | 'searchParams'>

/**
 * The signed-in admin user of a custom view. Custom admin views are public in Payload, so each
 * checks: no user → the login page (back to `path` afterwards); no admin access → unauthorized.
 */
export function requireAdminUser({ initPageResult }: Props, path: `/${string}`): TypedUser {
  const { permissions, req } = initPageResult
  const { payload, user } = req
  const adminRoute = payload.config.routes.admin
  if (!user) redirect(formatAdminURL({ adminRoute, path: `${payload.config.admin.routes.login}?redirect=${encodeURIComponent(formatAdminURL({ adminRoute, path }))}` }))
  if (user.collection !== payload.config.admin.user || !permissions.canAccessAdmin) {
    redirect(formatAdminURL({ adminRoute, path: payload.config.admin.routes.unauthorized }))
  }
  return user
}

/** A custom view inside the admin's own layout (nav, header, breadcrumb): Usage, Import, Onboarding. */
export function AdminViewShell({ initPageResult, params, searchParams, viewType, label, className, children }: Props & { viewType: string; label: string; className: string; children: ReactNode }) {
  const { locale, permissions, req, visibleEntities } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      req={req}
      searchParams={searchParams}
      user={req.user ?? undefined}
      viewType={viewType}
      visibleEntities={{ collections: visibleEntities?.collections, globals: visibleEntities?.globals }}
    >
      <SetStepNav nav={[{ label }]} />
      <Gutter className={className}>{children}</Gutter>
    </DefaultTemplate>
  )
}
