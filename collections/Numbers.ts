import { systemOnly } from '../access/systemOnly'
import { secretField } from '../src/fields/secret-field'
import { validatePhone } from '../src/validation/phone'
import { CHANNEL_STATUSES } from './channelStatuses'
import { tenantOwned } from './tenantOwned'

/**
 * WhatsApp Business numbers. A phone number id is unique within a tenant; across tenants only one
 * may hold it *verified*, and a WABA's verified numbers all belong to one tenant (plugins/meta
 * proves the token controls the number and that it is in the WABA before any event is routed to
 * it, and keeps `status`, `verifiedAt` and the quality: see plugins/meta/README.md, "Proof").
 */
export const Numbers = tenantOwned({
  slug: 'numbers',
  indexes: [{ fields: ['tenant', 'phoneNumberId'], unique: true }],
  admin: { useAsTitle: 'displayPhoneNumber', defaultColumns: ['displayPhoneNumber', 'phoneNumberId', 'status', 'qualityRating'], group: 'Channels' },
  fields: [
    {
      name: 'phoneNumberId',
      type: 'text',
      required: true,
      index: true,
      validate: (v: null | string | undefined) => (!v || /^\d{5,20}$/.test(v) ? true : 'A phone number id is a number (digits only).'),
    },
    {
      type: 'row',
      fields: [
        { name: 'displayPhoneNumber', type: 'text', required: true, validate: validatePhone },
        { name: 'wabaId', type: 'text', required: true, index: true, validate: (v: null | string | undefined) => (!v || /^\d{5,20}$/.test(v) ? true : 'A WABA id is digits only.') },
      ],
    },
    ...secretField({ name: 'accessToken', label: 'Access token', required: true }),
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', required: true, defaultValue: 'unverified', options: [...CHANNEL_STATUSES], access: systemOnly, admin: { readOnly: true } },
        { name: 'qualityRating', type: 'select', defaultValue: 'UNKNOWN', options: ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'], access: systemOnly, admin: { readOnly: true } },
        { name: 'messagingTier', type: 'select', options: ['TIER_250', 'TIER_1K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'], access: systemOnly, admin: { readOnly: true } },
      ],
    },
  ],
})
