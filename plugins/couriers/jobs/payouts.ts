import { createLocalReq, type PayloadRequest, type TaskConfig } from 'payload'

import type { Courier, CourierPayout } from '../../../payload-types'
import { accountAdapter, readAccount } from '../client'
import { findShipment } from '../find-shipment'
import type { PerTenantTask } from '../host'
import type { ResolvedCouriersOptions } from '../options'
import { CourierError, type Payout, type PayoutItem } from '../providers/types'
import { recordSettlement, type SettlementItem } from '../settle'

export const PAYOUT_SYNC_TASK = 'courierPayoutSync'
export const QUEUE_PAYOUT_SYNCS_TASK = 'courierQueuePayoutSyncs'
/** A payout in one of these states paid nothing: it is not recorded (nor its parcels settled). */
const UNPAID = /cancel|reject|fail|declin|revers/i
/** Most unmatched items a run answers (all are logged). */
const MAX_REPORTED = 100

/** A payout item no shipment of the account has the ids of. */
export type UnmatchedPayoutItem = { payout: string; consignmentId: null | string; invoice: null | string; trackingCode: null | string; collected: number; reason: string }
export type PayoutSyncResult = { payouts: number; settled: number; skipped: number; unmatched: UnmatchedPayoutItem[] }

const idOf = (v: unknown): null | string => (v && typeof v === 'object' ? idOf((v as { id: unknown }).id) : typeof v === 'string' || typeof v === 'number' ? String(v) : null)
const keyOf = (i: { consignmentId?: null | string; invoice?: null | string; trackingCode?: null | string }) => `${i.consignmentId ?? ''}|${i.trackingCode ?? ''}|${i.invoice ?? ''}`

/**
 * The payout's unmatched items stay on its record (no shipment) beside the matched ones, so the
 * record lists every parcel the courier paid for; an item that now matches drops its stale row.
 */
async function keepUnmatched(req: PayloadRequest, payout: CourierPayout, unmatched: PayoutItem[]): Promise<void> {
  const wanted = new Set(unmatched.map(keyOf))
  const rows = (payout.items ?? []).map(({ id: _id, ...row }) => ({ ...row, shipment: idOf(row.shipment) }))
  const kept = rows.filter((r) => r.shipment || wanted.has(keyOf(r)))
  const present = new Set(kept.filter((r) => !r.shipment).map(keyOf))
  const added = unmatched
    .filter((i) => !present.has(keyOf(i)))
    .map((i) => ({ shipment: null, consignmentId: i.consignmentId, invoice: i.invoice, trackingCode: i.trackingCode, collected: i.collected, deliveryFee: i.deliveryFee, codFee: i.codFee ?? 0 }))
  if (added.length === 0 && kept.length === rows.length) return
  await req.payload.update({ collection: 'courier-payouts', id: payout.id, data: { items: [...kept, ...added] }, depth: 0, overrideAccess: true, req })
}

/** Record one payout the courier reported, in its own transaction: its parcels settled, the rest kept as unmatched. */
async function recordPayout(options: ResolvedCouriersOptions, req: PayloadRequest, account: Courier, payout: Payout, currency: string): Promise<{ added: number; unmatched: PayoutItem[] }> {
  return options.db.withTransaction(req, async () => {
    const items: SettlementItem[] = []
    const unmatched: PayoutItem[] = []
    const seen = new Set<string>()
    for (const item of payout.items) {
      const shipment = await findShipment(req, String(account.id), item)
      if (!shipment) unmatched.push(item)
      else if (!seen.has(String(shipment.id))) {
        seen.add(String(shipment.id))
        items.push({ shipment, collected: item.collected, deliveryFee: item.deliveryFee, codFee: item.codFee ?? null })
      }
    }
    const { payout: record, added } = await recordSettlement(req, {
      accountId: String(account.id),
      provider: account.provider,
      reference: payout.id,
      source: 'api',
      currency,
      amount: payout.amount,
      status: payout.status,
      paidAt: payout.createdAt,
      items,
    })
    await keepUnmatched(req, record, unmatched)
    return { added, unmatched }
  })
}

/**
 * Read an account's payouts from the courier's API (Steadfast's /payments) and record each one
 * not recorded yet — or whose status changed — with all its items (courier-payouts is unique
 * per account and reference, and recording a payout again adds only parcels it did not list):
 * each item is matched to a shipment of THIS account by consignment id, tracking code or
 * invoice; items that match none are answered (and logged). `txReq` gives the request each
 * payout is written in (its own transaction). Throws CourierError when the courier has no payout
 * API or does not answer.
 */
export async function syncAccountPayouts(
  options: ResolvedCouriersOptions,
  req: PayloadRequest,
  account: Courier,
  currency: string,
  txReq: () => Promise<PayloadRequest> = async () => req,
): Promise<PayoutSyncResult> {
  const adapter = accountAdapter(req, account)
  const provider = account.provider
  if (!adapter.payoutsApi) throw new CourierError(provider, 'unsupported', `${provider} publishes no payouts through its API: import its payout sheet (POST /api/couriers/:id/payouts/import).`)
  const heads = await adapter.payouts()
  const result: PayoutSyncResult = { payouts: 0, settled: 0, skipped: 0, unmatched: [] }
  if (heads.length === 0) return result
  const { docs } = await req.payload.find({
    collection: 'courier-payouts',
    where: { and: [{ account: { equals: account.id } }, { reference: { in: heads.map((h) => h.id) } }] },
    depth: 0,
    limit: heads.length,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const recorded = new Map(docs.map((d) => [d.reference, d]))
  for (const head of heads) {
    const known = recorded.get(head.id)
    if (!head.id || UNPAID.test(head.status) || (known?.source === 'api' && known.status === head.status)) {
      result.skipped++
      continue
    }
    const payout = await adapter.payout(head.id)
    const { added, unmatched } = await recordPayout(options, await txReq(), account, payout, currency)
    result.payouts++
    result.settled += added
    for (const item of unmatched) {
      const row = {
        payout: payout.id,
        consignmentId: item.consignmentId,
        invoice: item.invoice,
        trackingCode: item.trackingCode,
        collected: item.collected,
        reason: 'No shipment of this courier account has these ids.',
      }
      req.payload.logger.warn({ account: account.id, ...row }, 'couriers: a payout item matches no shipment')
      if (result.unmatched.length < MAX_REPORTED) result.unmatched.push(row)
    }
  }
  return result
}

type SyncOutput = { accounts: number; payouts: number; settled: number; unmatched: UnmatchedPayoutItem[]; failed: { account: string; error: string }[] }

/**
 * `courierPayoutSync` — for one tenant, every active courier account whose courier reports
 * payouts through its API (Steadfast) is synced (syncAccountPayouts); an account that fails
 * (bad credentials, the courier down) is logged and left for the next run.
 */
export const payoutSyncTask = (options: ResolvedCouriersOptions) =>
  options.jobs.tenantTask<{ tenantId: string }, SyncOutput>({
    slug: PAYOUT_SYNC_TASK,
    label: 'Read courier payouts',
    retries: 1,
    handler: async ({ input, req }) => {
      const { currency } = await options.tenancy.tenantFacts(req, input.tenantId)
      const { docs } = await req.payload.find({ collection: 'couriers', where: { status: { equals: 'active' } }, depth: 0, limit: 100, overrideAccess: true, req })
      const output: SyncOutput = { accounts: 0, payouts: 0, settled: 0, unmatched: [], failed: [] }
      for (const listed of docs) {
        try {
          const account = await readAccount(req, String(listed.id))
          if (!account || !accountAdapter(req, account).payoutsApi) continue
          output.accounts++
          const synced = await syncAccountPayouts(options, req, account, currency, () => createLocalReq({}, req.payload))
          output.payouts += synced.payouts
          output.settled += synced.settled
          output.unmatched.push(...synced.unmatched.slice(0, MAX_REPORTED - output.unmatched.length))
        } catch (error) {
          req.payload.logger.warn({ err: error, account: listed.id }, 'couriers: payouts could not be read; the next run tries again')
          output.failed.push({ account: String(listed.id), error: error instanceof Error ? error.message.slice(0, 300) : String(error) })
        }
      }
      return { output }
    },
  })

/** Hourly (COURIERS_PAYOUT_CRON, default minute 15): queue a payout sync for each usable tenant. */
export const queuePayoutSyncsTask = (options: ResolvedCouriersOptions): TaskConfig<{ input: object; output: { queued: number } }> => ({
  slug: QUEUE_PAYOUT_SYNCS_TASK,
  label: 'Queue courier payout syncs',
  retries: 1,
  schedule: [{ cron: process.env.COURIERS_PAYOUT_CRON ?? '15 * * * *', queue: 'default' }],
  handler: async ({ req }) => ({
    output: { queued: await options.jobs.queueForTenantsWhere(req.payload, PAYOUT_SYNC_TASK as string as PerTenantTask, { status: { in: ['trial', 'active'] } }, 'courier payout schedule') },
  }),
})

export const payoutTasks = (options: ResolvedCouriersOptions) => [payoutSyncTask(options), queuePayoutSyncsTask(options)]
