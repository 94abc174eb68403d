import type { CollectionAfterChangeHook, TaskConfig } from 'payload'

import type { ResolvedBillingOptions } from '../options'
import { syncPrices, type SyncResult } from '../stripe/sync-prices'

export const SYNC_PRICES_TASK = 'billingSyncPrices'

/** `billingSyncPrices` — the same sync as the plans list's button, as the platform (queued when a plan's prices change). */
export const syncPricesTask = (options: ResolvedBillingOptions): TaskConfig<{ input: object; output: SyncResult | { skipped: string } }> => ({
  slug: SYNC_PRICES_TASK,
  label: 'Sync plan prices with Stripe',
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
  handler: async ({ req }) => {
    if (!options.secretKey()) return { output: { skipped: 'billing is off (no STRIPE_SECRET_KEY)' } }
    return { output: await options.tenancy.runAsSystem('billing price sync', () => syncPrices(req)) }
  },
})

const PRICED = ['priceMonthly', 'priceYearly', 'currency', 'overage', 'active', 'name'] as const

/**
 * afterChange of plans: a changed price, currency, overage row, name or activity queues a sync (Stripe
 * follows the plan; nobody edits both). A new plan waits for the super-admin's explicit sync.
 */
export const queueSyncOnPriceChange =
  (options: ResolvedBillingOptions): CollectionAfterChangeHook =>
  async ({ doc, previousDoc, operation, req }) => {
    if (!options.secretKey() || req.context?.billingSync) return doc
    const before = (previousDoc ?? {}) as Record<string, unknown>
    const after = doc as Record<string, unknown>
    const changed = operation === 'update' && PRICED.some((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    if (changed) await req.payload.jobs.queue({ task: SYNC_PRICES_TASK, input: {}, req })
    return doc
  }
