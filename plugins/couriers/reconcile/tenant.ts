import type { PayloadRequest } from 'payload'

import type { Courier } from '../../../payload-types'
import { authorizeOn } from '../endpoints/authorize'
import { fail } from '../errors'
import type { Operation, RoleCheckedCollection, TenantWork } from '../host'
import { hostOf } from '../options'

/** The tenant context a signed-in caller's report runs in. */
export const userWork = (req: PayloadRequest, tenantId: string): TenantWork => ({ tenantId, via: 'user', userId: String(req.user!.id) })

/**
 * The shop a report reads, checked against the caller's role there (`needs` on the matrix):
 * the account's shop when `?account=` names one (read with the caller's own access: another
 * shop's account is a 404), else `?tenant=` / the request's shop (`endpointTenant`: another
 * shop's `?tenant=` is a 403). Both given and disagreeing: 404 (no such account in that shop).
 */
export async function reportTenant(req: PayloadRequest, accountId: null | string, needs: { collection: RoleCheckedCollection; operation: Operation }, what: string): Promise<string> {
  const options = hostOf(req)
  const viaTenant = () =>
    options.tenancy.endpointTenant(req, {
      roles: options.access.rolesAllowed(needs.collection, needs.operation),
      signIn: 'Sign in first.',
      choose: 'Name the shop: ?tenant=<id> (or ?account=<courier account id>).',
      forbidden: `Your role may not read ${what} in this shop.`,
    })
  if (!accountId) return viaTenant()
  const { tenantId } = await authorizeOn<Courier>(req, 'couriers', accountId, needs)
  const named = typeof req.query?.tenant === 'string' && req.query.tenant ? await viaTenant() : tenantId
  if (named !== tenantId) throw fail('not_found', 'Not found.', 404)
  return tenantId
}
