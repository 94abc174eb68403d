import { blindIndexLookups } from '../hooks/blindIndexLookups'
import { blindIndexes, blindIndexFields } from '../hooks/blindIndexes'
import { tenantEncrypted } from '../hooks/tenantEncrypted'
import { uniquePerTenant } from '../hooks/uniquePerTenant'
import { validatePhone } from '../src/validation/phone'
import { tenantOwned } from './tenantOwned'

/** Prospects from scraping, imports, lead ads or manual entry; deduplicated per tenant by phone. */
export const Leads = tenantOwned({
  slug: 'leads',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'phone', 'source', 'status', 'assignedTo'], group: 'Marketing' },
  indexes: [{ fields: ['tenant', 'phoneIndex'], unique: true }, { fields: ['tenant', 'emailIndex'] }, { fields: ['tenant', 'status'] }],
  hooks: { beforeOperation: [blindIndexLookups(['phone', 'email'])], beforeChange: [uniquePerTenant('phone', 'Phone'), blindIndexes(['phone', 'email'])] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      type: 'row',
      fields: [tenantEncrypted({ name: 'phone', type: 'text', required: true, validate: validatePhone }), tenantEncrypted({ name: 'email', type: 'email' })],
    },
    ...blindIndexFields(['phone', 'email']),
    {
      type: 'row',
      fields: [
        { name: 'source', type: 'select', required: true, defaultValue: 'manual', options: ['scrape', 'import', 'lead-ad', 'manual'] },
        { name: 'sourceRef', type: 'text', maxLength: 200 },
      ],
    },
    { name: 'tags', type: 'text', hasMany: true, maxLength: 40 },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'new',
      options: ['new', 'contacted', 'qualified', 'converted', 'lost'],
    },
    { name: 'assignedTo', type: 'relationship', relationTo: 'users' },
  ],
})
