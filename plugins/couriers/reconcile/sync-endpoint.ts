import type { Endpoint } from 'payload'

import type { Courier } from '../../../payload-types'
import { readAccount } from '../client'
import { authorizeOn } from '../endpoints/authorize'
import { fail, upstream } from '../errors'
import { syncAccountPayouts } from '../jobs/payouts'
import { hostOf } from '../options'
import { userWork } from './tenant'

/**
 * POST /api/couriers/:id/payouts/sync — read this account's payouts from the courier now (what
 * the hourly `courierPayoutSync` does), for who may manage the shop's courier accounts.
 * Answers `{ payouts, settled, skipped, unmatched }`: payouts recorded or updated, parcels
 * newly settled, payouts already up to date (or unpaid), and items that match no shipment of
 * this account. 400 for a courier without a payout API (RedX, Pathao: import or webhooks), 502 /
 * 429 when the courier fails or rate-limits.
 */
export const payoutSyncEndpoint: Endpoint = {
  path: '/:id/payouts/sync',
  method: 'post',
  handler: async (req) => {
    const { tenantId } = await authorizeOn<Courier>(req, 'couriers', req.routeParams?.id, { collection: 'couriers', operation: 'update' })
    const options = hostOf(req)
    return options.tenancy.runWithTenant(userWork(req, tenantId), async () => {
      const account = await readAccount(req, String(req.routeParams!.id))
      if (!account) throw fail('not_found', 'Not found.', 404)
      if (account.status === 'disabled') throw fail('conflict', 'This courier account is disabled.', 409)
      const { currency } = await options.tenancy.tenantFacts(req, tenantId)
      try {
        return Response.json(await syncAccountPayouts(options, req, account, currency))
      } catch (error) {
        throw upstream(error)
      }
    })
  },
}
