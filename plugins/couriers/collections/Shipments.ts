import type { CollectionConfig, Field } from 'payload'

import type { ResolvedCouriersOptions } from '../options'
import { PROVIDERS, SHIPMENT_STATUSES } from '../providers/types'

export const BOOKING_STATES = ['queued', 'sending', 'booked', 'failed'] as const
export type BookingState = (typeof BOOKING_STATES)[number]
export const HISTORY_SOURCES = ['booking', 'webhook', 'poll', 'manual'] as const

/** The stage timestamps a canonical status stamps the first time it is reached. */
export const STAGE_FIELDS = {
  picked: 'pickedAt',
  in_transit: 'pickedAt',
  out_for_delivery: 'outForDeliveryAt',
  delivered: 'deliveredAt',
  partially_delivered: 'deliveredAt',
  returning: 'returningAt',
  returned: 'returnedAt',
  cancelled: 'cancelledAt',
} as const

const minorText = (description?: string) => (description ? `${description} Minor units.` : 'Minor units.')
/** An amount in minor units: the host's money field and cell when it gives them (admin.money), else a plain number. */
export const moneyField = (options: ResolvedCouriersOptions, name: string, description?: string, required = false): Field => ({
  name,
  type: 'number',
  required,
  min: 0,
  admin: options.admin.money ? { ...(description ? { description } : {}), components: { ...options.admin.money } } : { description: minorText(description) },
  typescriptSchema: [({ jsonSchema }) => ({ ...jsonSchema, description: minorText(description) })],
})
const at = (name: string): Field => ({ name, type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } })

/**
 * A parcel booked with a courier for one order (README, "Shipments"): the provider's ids, one
 * canonical status beside the provider's raw one, cash on delivery expected / collected /
 * settled, fees, a timestamp per stage and the history of every event (a late or lower-ranked
 * event is kept in the history but never moves the status back). Written by the plugin (booking,
 * webhooks, polling, settling); staff may only keep notes. At most one active shipment per order
 * (a partial unique index: booking twice finds the first).
 */
export function shipmentsCollection(options: ResolvedCouriersOptions): CollectionConfig {
  // The platform operator may write them (repairs); no tenant role may.
  const platform = ({ req }: { req: { user?: unknown } }) => options.access.isSuperAdmin(req.user as never)
  const system = { create: platform, update: platform }
  // Every field but `notes` is the system's: stripped from any API caller's data (rows and collapsibles have no name of their own).
  const money = (name: string, description: string) => moneyField(options, name, description)
  const sys = (field: Field): Field => ('name' in field ? ({ ...field, access: { ...system } } as Field) : 'fields' in field ? { ...field, fields: field.fields.map(sys) } : field)
  return options.tenantOwned({
    slug: 'shipments',
    admin: {
      useAsTitle: 'invoice',
      defaultColumns: ['invoice', 'provider', 'trackingCode', 'status', 'codExpected', 'codCollected', 'updatedAt'],
      group: 'Delivery',
      description: 'Parcels booked with your couriers. Book from an order (“Book with…”) or from the orders list.',
    },
    // No tenant role creates or deletes one through the API (the matrix): booking is
    // POST /api/shipments/book (checks, quota, idempotency).
    disableBulkEdit: true,
    indexes: [{ fields: ['tenant', 'status'] }, { fields: ['tenant', 'createdAt'] }, { fields: ['account', 'consignmentId'] }, { fields: ['account', 'trackingCode'] }, { fields: ['account', 'invoice'] }],
    fields: [
      ...[
        { name: 'order', type: 'relationship', relationTo: 'orders', required: true, index: true },
        { name: 'account', type: 'relationship', relationTo: 'couriers', required: true, index: true },
        { name: 'provider', type: 'select', required: true, options: [...PROVIDERS] },
        { name: 'invoice', type: 'text', required: true, admin: { description: 'The reference the courier knows this parcel by (the order number).' } },
        {
          type: 'row',
          fields: [
            { name: 'consignmentId', type: 'text' },
            { name: 'trackingCode', type: 'text' },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'bookingState', type: 'select', required: true, defaultValue: 'queued', options: [...BOOKING_STATES], index: true },
            { name: 'status', type: 'select', options: [...SHIPMENT_STATUSES], index: true, admin: { description: 'One status whatever the courier calls it.' } },
            { name: 'rawStatus', type: 'text', admin: { description: 'What the courier last said.' } },
          ],
        },
        { name: 'bookingError', type: 'text', admin: { condition: (d: { bookingError?: unknown }) => Boolean(d?.bookingError) } },
        { name: 'batch', type: 'text', index: true, admin: { hidden: true } },
        { name: 'active', type: 'checkbox', defaultValue: true, admin: { hidden: true } },
        // Checked by booking (prepare.ts), not required here: Payload's GraphQL would make the group
        // required in every update input.
        {
          name: 'recipient',
          type: 'group',
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'name', type: 'text' },
                { name: 'phone', type: 'text', index: true, admin: { description: '01XXXXXXXXX, as the courier has it.' } },
              ],
            },
            { name: 'address', type: 'text' },
            {
              type: 'row',
              fields: [
                { name: 'district', type: 'text' },
                { name: 'zone', type: 'text', admin: { description: 'Area or zone name.' } },
                { name: 'cityId', type: 'number' },
                { name: 'zoneId', type: 'number' },
                { name: 'areaId', type: 'number' },
              ],
            },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'paymentMethod', type: 'select', required: true, defaultValue: 'cod', options: ['cod', 'prepaid'] },
            { name: 'currency', type: 'text', required: true, defaultValue: 'BDT' },
            { name: 'weightGrams', type: 'number', min: 1 },
            { name: 'storeId', type: 'text', admin: { description: 'Pickup store at the courier.' } },
          ],
        },
        {
          type: 'row',
          fields: [
            money('codExpected', 'Cash the courier should collect.'),
            money('codCollected', 'Cash the courier says it collected.'),
            money('deliveryFee', 'The courier’s delivery charge.'),
            money('codFee', 'The courier’s cash-handling charge.'),
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'settlementRef', type: 'text', admin: { description: 'The payout that paid this parcel’s cash.' } },
            money('settledAmount', 'Paid out for this parcel.'),
            at('settledAt'),
            { name: 'settlementCount', type: 'number', defaultValue: 0, admin: { description: 'Payouts that listed this parcel (more than one is flagged).' } },
          ],
        },
        { name: 'attempts', type: 'number', defaultValue: 0, admin: { description: 'Delivery attempts the courier reported.' } },
        {
          type: 'collapsible',
          label: 'Stages',
          admin: { initCollapsed: true },
          fields: [
            {
              type: 'row',
              fields: [at('bookedAt'), at('pickedAt'), at('outForDeliveryAt'), at('deliveredAt')],
            },
            { type: 'row', fields: [at('returningAt'), at('returnedAt'), at('cancelledAt'), at('lastEventAt')] },
          ],
        },
        {
          name: 'history',
          type: 'array',
          admin: { initCollapsed: true, description: 'Every event, applied or not (a late event never moves the status back).' },
          fields: [
            {
              type: 'row',
              fields: [
                at('at'),
                { name: 'source', type: 'select', options: [...HISTORY_SOURCES] },
                { name: 'rawStatus', type: 'text' },
                { name: 'status', type: 'select', options: [...SHIPMENT_STATUSES] },
                { name: 'applied', type: 'checkbox' },
              ],
            },
            { name: 'message', type: 'text' },
          ],
        },
      ].map((f) => sys(f as Field)),
      { name: 'notes', type: 'textarea', maxLength: 2_000 },
    ],
  })
}
