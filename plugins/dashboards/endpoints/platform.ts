import type { Endpoint } from 'payload'

import { fail } from '../errors'
import { hostOf } from '../options'
import { loadPlatform } from '../summary/platform'

/** GET /api/dashboards/platform?period=… — the super-admin's view across tenants (summary/platform.ts); anyone else is refused. */
export const platformEndpoint: Endpoint = {
  path: '/dashboards/platform',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    if (!req.user) throw fail('unauthorized', 'Sign in first.', 401)
    if (!options.access.isSuperAdmin(req.user)) throw fail('forbidden', 'Only the platform’s super-admin sees the platform view.', 403)
    return Response.json(await loadPlatform(options, req, req.query), { headers: { 'cache-control': 'no-store' } })
  },
}
