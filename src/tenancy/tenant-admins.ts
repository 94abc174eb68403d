import type { PayloadRequest } from 'payload'

import type { User } from '../../payload-types'
import { roleIn } from './memberships'

/** The tenant-admins of one tenant (whom its alerts, trial warnings and exports are emailed to). */
export async function tenantAdmins(req: PayloadRequest, tenantId: string): Promise<User[]> {
  const { docs } = await req.payload.find({
    collection: 'users',
    where: { 'tenants.tenant': { equals: tenantId } },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  // The where matches any membership row; the role must be tenant-admin in *this* tenant.
  return docs.filter((user) => roleIn(user, tenantId) === 'tenant-admin')
}
