import { secretField } from '../src/fields/secret-field'
import { tenantOwned } from './tenantOwned'

/** Facebook pages connected by a tenant. A page id belongs to one tenant across the platform. */
export const Pages = tenantOwned({
  slug: 'pages',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'pageId', 'status'], group: 'Channels' },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'pageId',
      type: 'text',
      required: true,
      unique: true,
      validate: (v: null | string | undefined) => (!v || /^\d{5,20}$/.test(v) ? true : 'A Facebook page id is a number (digits only).'),
    },
    ...secretField({ name: 'accessToken', label: 'Page access token', required: true }),
    { name: 'status', type: 'select', required: true, defaultValue: 'connected', options: ['connected', 'disconnected', 'error'] },
  ],
})
