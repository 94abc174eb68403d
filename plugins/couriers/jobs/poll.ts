import { createLocalReq, type TaskConfig } from 'payload'

import { applyUpdate } from '../apply-update'
import { accountAdapter, readAccount } from '../client'
import { courierSettingsOf, type ResolvedCouriersOptions } from '../options'
import { CourierError, type CourierAdapter } from '../providers/types'
import { idOf } from '../ids'

export const POLL_TASK = 'courierPoll'
export const QUEUE_POLLS_TASK = 'courierQueuePolls'
/** Shipments one poll run asks about at most (each a paced provider call). */
const MAX_PER_RUN = 200
const NON_TERMINAL = ['booked', 'picked', 'in_transit', 'out_for_delivery', 'on_hold', 'failed_attempt', 'returning']

/**
 * `courierPoll` — for one tenant, ask the courier about booked shipments that are not finished
 * and have not been heard of for `pollAfterHours` (tenant setting), oldest first, paced per
 * account; each answer is applied like a webhook event (forward by rank, kept in the history).
 * An account that is rate-limited or down is left for the next run.
 */
export const pollTask = (options: ResolvedCouriersOptions) =>
  options.jobs.tenantTask<{ tenantId: string }, { asked: number; moved: number; skipped: number }>({
    slug: POLL_TASK,
    label: 'Ask couriers about quiet shipments',
    retries: 1,
    handler: async ({ input, req }) => {
      const { settings } = await options.tenancy.tenantFacts(req, input.tenantId)
      const { pollAfterHours } = courierSettingsOf(settings)
      const before = new Date(Date.now() - pollAfterHours * 3_600_000).toISOString()
      const { docs } = await req.payload.find({
        collection: 'shipments',
        where: { and: [{ bookingState: { equals: 'booked' } }, { status: { in: NON_TERMINAL } }, { or: [{ lastEventAt: { less_than: before } }, { lastEventAt: { exists: false } }] }] },
        sort: 'lastEventAt',
        limit: MAX_PER_RUN,
        depth: 0,
        overrideAccess: true,
        req,
      })
      const adapters = new Map<string, CourierAdapter | null>()
      let asked = 0
      let moved = 0
      let skipped = 0
      for (const shipment of docs) {
        const accountId = idOf(shipment.account)
        if (!adapters.has(accountId)) {
          const account = await readAccount(req, accountId)
          adapters.set(accountId, account && account.status !== 'disabled' ? accountAdapter(req, account) : null)
        }
        const adapter = adapters.get(accountId)
        if (!adapter || (!shipment.consignmentId && !shipment.trackingCode && !shipment.invoice)) {
          skipped++
          continue
        }
        try {
          const result = await adapter.status(shipment)
          asked++
          const eventReq = await createLocalReq({}, req.payload)
          const applied = await options.db.withTransaction(eventReq, () =>
            applyUpdate(eventReq, shipment, { source: 'poll', at: new Date(), rawStatus: result.rawStatus, status: result.status, collected: result.collected, deliveryFee: result.deliveryFee }),
          )
          if (applied) moved++
        } catch (error) {
          skipped++
          if (error instanceof CourierError && (error.code === 'rate_limited' || error.code === 'unavailable' || error.code === 'bad_credentials')) adapters.set(accountId, null)
          req.payload.logger.info({ err: error, shipment: shipment.id }, 'couriers: a poll got no answer; the next run asks again')
        }
      }
      return { output: { asked, moved, skipped } }
    },
  })

/** Every 30 minutes (COURIERS_POLL_CRON): queue a poll for each usable tenant. */
export const queuePollsTask = (options: ResolvedCouriersOptions): TaskConfig<typeof QUEUE_POLLS_TASK> => ({
  slug: QUEUE_POLLS_TASK,
  label: 'Queue courier polls',
  retries: 1,
  schedule: [{ cron: process.env.COURIERS_POLL_CRON ?? '*/30 * * * *', queue: 'default' }],
  handler: async ({ req }) => ({ output: { queued: await options.jobs.queueForTenantsWhere(req.payload, POLL_TASK, { status: { in: ['trial', 'active'] } }, 'courier poll schedule') } }),
})

export const pollTasks = (options: ResolvedCouriersOptions) => [pollTask(options), queuePollsTask(options)]
