import { systemOnly } from '../access/systemOnly'
import { secretField } from '../src/fields/secret-field'
import { CHANNEL_STATUSES } from './channelStatuses'
import { tenantOwned } from './tenantOwned'

/**
 * Facebook pages connected by a tenant. A page id is unique within a tenant; across tenants only
 * one may hold it *verified* (plugins/meta proves the token controls the page before any event is
 * routed to it, and keeps `status` and `verifiedAt`: see plugins/meta/README.md, "Proof").
 */
export const Pages = tenantOwned({
  slug: 'pages',
  indexes: [{ fields: ['tenant', 'pageId'], unique: true }],
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'pageId', 'status'], group: 'Channels' },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'pageId',
      type: 'text',
      required: true,
      index: true,
      validate: (v: null | string | undefined) => (!v || /^\d{5,20}$/.test(v) ? true : 'A Facebook page id is a number (digits only).'),
    },
    ...secretField({ name: 'accessToken', label: 'Page access token', required: true }),
    { name: 'status', type: 'select', required: true, defaultValue: 'unverified', options: [...CHANNEL_STATUSES], access: systemOnly, admin: { readOnly: true } },
  ],
})
