import { randomBytes, randomUUID } from 'node:crypto'
import type { CollectionBeforeChangeHook, CollectionConfig, Field } from 'payload'

import { accountEndpoints } from './endpoints/account-endpoints'
import type { ResolvedCouriersOptions } from './options'
import { webhookEndpoints } from './webhook/endpoint'

/**
 * The host's courier accounts get what tracking needs (README, "Accounts"): a webhook id (the
 * URL's last segment; not the document id) and a webhook secret, both made by the server on
 * create (the secret is stored encrypted, shown to tenant-admins by GET /api/couriers/:id/webhook,
 * and replaced by POST …/webhook/rotate), Pathao's handshake echo value, the default pickup
 * store and parcel weight; and its endpoints (webhook, quote, stores, bookable accounts).
 */
export function withAccountFields(collection: CollectionConfig, options: ResolvedCouriersOptions): CollectionConfig {
  const system = options.access.systemOnly
  const secretKey = options.secrets.revealKey
  const issue: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
    if (operation === 'create' || !originalDoc?.webhookId) {
      data.webhookId = randomUUID()
      data.webhookSecret = options.secrets.encrypt(randomBytes(24).toString('base64url'))
    } else {
      data.webhookId = originalDoc.webhookId
      data.webhookSecret = originalDoc.webhookSecret
    }
    return data
  }
  const fields: Field[] = [
    {
      type: 'row',
      fields: [
        { name: 'storeId', type: 'text', maxLength: 40, admin: { description: 'Default pickup store at the courier (Pathao store id, RedX pickup store id).', condition: (d) => d?.provider !== 'steadfast' } },
        { name: 'defaultWeightGrams', type: 'number', min: 1, max: 30_000, defaultValue: 500, admin: { description: 'Parcel weight when a booking does not say.' } },
        {
          name: 'pathaoHandshake',
          type: 'select',
          defaultValue: options.pathaoHandshakeDefault,
          options: [
            { label: 'Echo the webhook secret', value: 'secret' },
            { label: 'Echo Pathao’s fixed value', value: 'fixed' },
          ],
          admin: { description: 'What the X-Pathao-Merchant-Webhook-Integration-Secret header answers (sources disagree; try the other if Pathao refuses the URL).', condition: (d) => d?.provider === 'pathao' },
        },
      ],
    },
    { name: 'webhookId', type: 'text', unique: true, index: true, access: system, admin: { readOnly: true, hidden: true } },
    // Stored encrypted, never returned by the API (GET /api/couriers/:id/webhook shows it to tenant-admins).
    { name: 'webhookSecret', type: 'text', access: { ...system, read: ({ req }) => Boolean(req.context?.[secretKey]) }, admin: { hidden: true } },
    { name: 'webhookSetup', type: 'ui', admin: { components: { Field: '/plugins/couriers/admin/WebhookSetup#WebhookSetup' } } },
  ]
  return {
    ...collection,
    fields: [...collection.fields, ...fields],
    hooks: { ...collection.hooks, beforeChange: [issue, ...(collection.hooks?.beforeChange ?? [])] },
    endpoints: [...(collection.endpoints || []), ...webhookEndpoints(options), ...accountEndpoints],
  }
}
