import type { MetaHost } from '../host'
import { EVENT_KINDS } from '../model'

/**
 * Every webhook event Meta delivered for the tenant, stored by the webhook before it answers 200
 * (webhook/store-events.ts) and worked through by the `metaProcessEvents` job; tenant-admins read
 * them to see what arrived and why something was ignored or failed. `eventKey`
 * (message id, status + id, leadgen id…) is unique per tenant: a duplicate delivery is stored
 * once and therefore has one effect.
 */
export const metaEventsCollection = ({ tenantOwned }: Pick<MetaHost, 'tenantOwned'>) =>
  tenantOwned({
    slug: 'meta-events',
    audit: false,
    admin: { useAsTitle: 'eventKey', defaultColumns: ['kind', 'eventKey', 'status', 'attempts', 'createdAt'], group: 'Inbox' },
    defaultSort: '-createdAt',
    indexes: [{ fields: ['tenant', 'eventKey'], unique: true }, { fields: ['tenant', 'status', 'createdAt'] }],
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'kind', type: 'select', required: true, options: [...EVENT_KINDS] },
          { name: 'externalId', type: 'text', required: true, admin: { description: 'The page id or phone number id it was sent to.' } },
          { name: 'status', type: 'select', required: true, defaultValue: 'pending', options: ['pending', 'processing', 'done', 'failed', 'ignored'] },
          { name: 'attempts', type: 'number', defaultValue: 0 },
        ],
      },
      { name: 'eventKey', type: 'text', required: true },
      { name: 'payload', type: 'json', required: true },
      { name: 'error', type: 'text' },
      { name: 'processedAt', type: 'date' },
    ],
  })
