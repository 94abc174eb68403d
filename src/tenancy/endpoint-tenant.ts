import type { PayloadRequest } from 'payload'

import { AppError } from '../errors/app-error'
import { UUID } from '../validation/uuid'
import type { TenantRole } from './roles'
import { scopeOf, tenantsWhere } from './scope'

export type EndpointTenantOptions = {
  /** Staff roles that may act (in the tenant acted on). The super-admin always may. */
  roles: readonly TenantRole[]
  /** Said with 401 to a caller who is not signed in. */
  signIn: string
  /** Said with 400 when neither `?tenant=` nor the request names a tenant. */
  choose: string
  /** Said with 403 when the caller's scope does not allow acting on that tenant. */
  forbidden: string
}

/**
 * The tenant a custom endpoint of the back-office acts on (export, import, usage, invitations):
 * `?tenant=<id>`, else the request's own tenant (X-Tenant header, host, the admin's selected
 * tenant, the user's only one). Derived from the request's scope (scope.ts): the super-admin may
 * act on any tenant; staff only on a usable tenant of their scope where they hold one of
 * `roles` — so a header naming one shop never lets `?tenant=` reach another.
 */
export async function endpointTenant(req: PayloadRequest, options: EndpointTenantOptions): Promise<string> {
  const scope = await scopeOf(req)
  if (scope.kind === 'none' || (scope.kind === 'tenants' && !scope.userId)) throw new AppError('unauthorized', options.signIn)
  const raw = req.query?.tenant
  const asked = typeof raw === 'string' && raw !== '' ? raw : undefined
  if (asked !== undefined && !UUID.test(asked)) throw new AppError('invalid_input', '`tenant` must be a tenant id.', { path: 'tenant' })
  const tenantId = asked?.toLowerCase() ?? scope.named?.tenantId
  if (!tenantId) throw new AppError('invalid_input', options.choose, { path: 'tenant' })
  if (scope.kind === 'platform') return tenantId
  const allowed = await tenantsWhere(req, options.roles)
  if (allowed !== 'all' && !allowed.includes(tenantId)) throw new AppError('forbidden', options.forbidden)
  return tenantId
}
