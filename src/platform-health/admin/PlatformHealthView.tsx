import type { AdminViewServerProps } from 'payload'
import { redirect } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { AdminViewShell, requireAdminUser } from '../../admin/AdminViewShell'
import { PlatformHealthPanel } from './PlatformHealthPanel'

/**
 * `/admin/platform-health`, the super-admin's platform page: it reads GET /api/platform-health
 * (PlatformHealthPanel). Custom admin views are public in Payload, so this one checks the user:
 * anyone else is sent to the admin's "unauthorized" page (and the endpoint refuses them too).
 */
export function PlatformHealthView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const user = requireAdminUser({ initPageResult, params, searchParams }, '/platform-health')
  const { payload } = initPageResult.req
  if (!isSuperAdmin(user)) redirect(formatAdminURL({ adminRoute: payload.config.routes.admin, path: payload.config.admin.routes.unauthorized }))
  return (
    <AdminViewShell initPageResult={initPageResult} params={params} searchParams={searchParams} viewType="platform-health" label="Platform health" className="platform-health">
      <h1>Platform health</h1>
      <PlatformHealthPanel />
    </AdminViewShell>
  )
}
