import { secretField } from '../src/fields/secret-field'
import { validatePhone } from '../src/tenancy/phone'
import { tenantOwned } from './tenantOwned'

/** WhatsApp Business numbers. A phone number id belongs to one tenant across the platform. */
export const Numbers = tenantOwned({
  slug: 'numbers',
  admin: { useAsTitle: 'displayPhoneNumber', defaultColumns: ['displayPhoneNumber', 'phoneNumberId', 'status', 'qualityRating'], group: 'Channels' },
  fields: [
    {
      name: 'phoneNumberId',
      type: 'text',
      required: true,
      unique: true,
      validate: (v: null | string | undefined) => (!v || /^\d{5,20}$/.test(v) ? true : 'A phone number id is a number (digits only).'),
    },
    { type: 'row', fields: [
      { name: 'displayPhoneNumber', type: 'text', required: true, validate: validatePhone },
      { name: 'wabaId', type: 'text', required: true, validate: (v: null | string | undefined) => (!v || /^\d{5,20}$/.test(v) ? true : 'A WABA id is digits only.') },
    ] },
    ...secretField({ name: 'accessToken', label: 'Access token', required: true }),
    { type: 'row', fields: [
      { name: 'status', type: 'select', required: true, defaultValue: 'connected', options: ['connected', 'disconnected', 'error'] },
      { name: 'qualityRating', type: 'select', defaultValue: 'UNKNOWN', options: ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] },
      { name: 'messagingTier', type: 'select', options: ['TIER_250', 'TIER_1K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'] },
    ] },
  ],
})
