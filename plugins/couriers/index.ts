import type { Config } from 'payload'

import { withAccountFields } from './accounts'
import { withAdminViews, withCollectionAdmin } from './admin-config'
import { bookEndpoint } from './booking/book-endpoint'
import { bookTask } from './booking/book-task'
import { courierEventsCollection } from './collections/CourierEvents'
import { courierPayoutsCollection } from './collections/CourierPayouts'
import { shipmentsCollection } from './collections/Shipments'
import { batchEndpoint, cancelEndpoint, refreshEndpoint } from './endpoints/shipment-actions'
import { pollTasks } from './jobs/poll'
import { processEventsTask } from './jobs/process-events'
import { COURIERS_OPTIONS_KEY, resolveOptions, type CouriersPluginOptions } from './options'
import { reports } from './reports'

export type { CouriersPluginOptions, CouriersSettings, TenantCourierSettings } from './options'
export type { CouriersAdmin, CouriersHost, EndpointTenantOptions, Operation, RoleCheckedCollection, TenantWork } from './host'
export { COURIER_FIELD_LIMITS, COURIER_PERMISSIONS, type CourierCollection } from './permissions'
export { DEFAULT_COURIER_SETTINGS } from './options'
// Pure pieces of reconciliation and risk, for their unit tests.
export { decimal } from './reconcile/csv'
export { flagsOf, type LedgerFacts } from './reconcile/flags'
export { sheetColumns, sheetDate, takaToMinor } from './reconcile/sheet'
export { riskOf } from './risk/risk'
// The provider adapters, for tests and tools that talk to a courier directly (the fakes' tests).
export {
  adapterFor,
  CourierError,
  isTerminal,
  mapStatus,
  moves,
  parseCredentials,
  PATHAO_ECHO_HEADER,
  PATHAO_FIXED_HANDSHAKE_SECRET,
  PROVIDERS,
  SHIPMENT_STATUSES,
  STATUS_RANK,
  toLocalPhone,
  type AdapterCache,
  type AdapterContext,
  type BookingInput,
  type CourierAdapter,
  type Provider,
  type ShipmentStatus,
  type WebhookEvent,
  type WebhookRequest,
} from './providers'

/**
 * Courier booking, tracking and cash-on-delivery reconciliation for Steadfast, Pathao and RedX
 * (plugins/couriers/README.md): shipments, the couriers' raw webhook events and payouts (all
 * tenant-owned); the host's `couriers` accounts get webhook ids and secrets and their endpoints;
 * booking, event processing, polling and payout sync are jobs. List it before the multi-tenant
 * plugin (which gives its collections their tenant field); the host merges COURIER_PERMISSIONS
 * into its matrix and passes its pieces in the options (host.ts).
 */
export const couriersPlugin =
  (pluginOptions: CouriersPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    const extra = reports(options)
    const collections = (config.collections ?? []).map((c) => {
      if (c.slug === 'couriers') {
        const accounts = withAccountFields(c, options)
        return { ...accounts, endpoints: [...(accounts.endpoints || []), ...extra.accounts] }
      }
      return withCollectionAdmin(c, options)
    })
    const shipments = shipmentsCollection(options)
    return options.jobs.withTasks(
      withAdminViews(
        {
          ...config,
          collections: [
            ...collections,
            { ...shipments, endpoints: [...(shipments.endpoints || []), bookEndpoint, batchEndpoint, refreshEndpoint, cancelEndpoint, ...extra.shipments] },
            courierEventsCollection(options),
            courierPayoutsCollection(options),
          ],
          custom: { ...config.custom, [COURIERS_OPTIONS_KEY]: options },
          loggingLevels: { ...config.loggingLevels, CourierError: 'warn' } as Config['loggingLevels'],
        },
        options,
      ),
      [bookTask(options), processEventsTask(options), ...pollTasks(options), ...extra.tasks],
    )
  }
