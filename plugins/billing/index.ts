import type { Config } from 'payload'

import { withBillingAdmin } from './admin-config'
import { billingEventsCollection } from './collections/BillingEvents'
import { invoicesCollection } from './collections/Invoices'
import { meterPushesCollection } from './collections/MeterPushes'
import { subscriptionsCollection } from './collections/Subscriptions'
import { compEndpoint, overviewEndpoint, syncPricesEndpoint } from './endpoints/platform'
import { statusEndpoint, summaryEndpoint } from './endpoints/summary'
import { cancelEndpoint, changeEndpoint, checkoutEndpoint, portalEndpoint } from './endpoints/subscribe'
import { processEventsTask } from './jobs/process-events'
import { graceCheckTask, meterPushTask } from './jobs/schedules'
import { syncPricesTask } from './jobs/sync-prices-task'
import { BILLING_OPTIONS_KEY, resolveOptions, type BillingPluginOptions } from './options'
import { withPlanBillingFields } from './plans-fields'
import { webhookEndpoint } from './webhook/endpoint'

export type { BillingPluginOptions, BillingSettings } from './options'
export type { BillingHost, MeteredMetric, TenantWork } from './host'
export type { BillingAdmin } from './admin-config'
export { METERED_METRICS } from './host'
export { BILLING_PERMISSIONS, type BillingCollection } from './permissions'
export { allowsOverage, GRACE_CHECK_TASK, hourKey, METER_PUSH_TASK } from './jobs/schedules'
export { PROCESS_EVENTS_TASK } from './jobs/process-events'
export { SYNC_PRICES_TASK } from './jobs/sync-prices-task'
export { mrrOf } from './endpoints/platform'
export { meterEventName } from './stripe/sync-prices'
export { WEBHOOK_PATH } from './webhook/endpoint'
// The admin's pure pieces (no React), for their unit tests.
export { withBillingAdmin, withPlansAdmin } from './admin-config'
export { errorText, formatMoney, formatPeriod, query, untilIso } from './admin/format'
export { hasLiveSubscription, planAction, priceText, savingText, sortedPlans } from './admin/plans'
export { bannerText, checkoutReturnOf, statusRows, statusView, syncText } from './admin/status'
export type { BillingSummary, PlanChoice, SubscriptionSummary, TenantFacts, UsageLine } from './admin/types'
export { overageTotal, usageBar } from './admin/usage'
export { maySeeBilling } from './admin/view-types'

/**
 * Billing on Stripe (plugins/billing/README.md): the plans' prices synced to Stripe, a shop's
 * subscription through Checkout, changed with proration or cancelled at the period's end, the
 * customer portal, Stripe's webhooks stored once and applied by a job (the shop's plan and
 * status follow the subscription; past due → grace → suspension → paying reactivates), metered
 * overage pushed hourly to a Billing Meter, invoices mirrored. Without STRIPE_SECRET_KEY billing
 * is off and plans stay the super-admin's to set. List it before the multi-tenant plugin; the
 * host merges BILLING_PERMISSIONS into its matrix and passes its pieces (host.ts).
 */
export const billingPlugin =
  (pluginOptions: BillingPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    const collections = (config.collections ?? []).map((c) => (c.slug === 'plans' ? withPlanBillingFields(c, options) : c))
    return options.jobs.withTasks(
      withBillingAdmin(
        {
          ...config,
          collections: [...collections, subscriptionsCollection(options), invoicesCollection(options), billingEventsCollection(options), meterPushesCollection(options)],
          endpoints: [
            ...(config.endpoints ?? []),
            webhookEndpoint,
            summaryEndpoint,
            statusEndpoint,
            checkoutEndpoint,
            changeEndpoint,
            cancelEndpoint,
            portalEndpoint,
            syncPricesEndpoint,
            overviewEndpoint,
            compEndpoint,
          ],
          custom: { ...config.custom, [BILLING_OPTIONS_KEY]: options },
        },
        options.admin,
      ),
      [processEventsTask(options), graceCheckTask(options), meterPushTask(options), syncPricesTask(options)],
    )
  }
