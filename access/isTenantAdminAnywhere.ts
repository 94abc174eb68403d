import { tenantIdsWithRole } from '../src/tenancy/memberships'
import { isSuperAdmin } from './isSuperAdmin'

type Args = { req: { user?: Parameters<typeof isSuperAdmin>[0] & Parameters<typeof tenantIdsWithRole>[0] } }

/** The super-admin, or a tenant-admin of at least one tenant (field or collection access). */
export const isTenantAdminAnywhere = ({ req }: Args): boolean => Boolean(req.user && (isSuperAdmin(req.user) || tenantIdsWithRole(req.user, ['tenant-admin']).length > 0))
