import { blindIndexLookups } from '../hooks/blindIndexLookups'
import { blindIndexes, blindIndexFields } from '../hooks/blindIndexes'
import { uniquePerTenant } from '../hooks/uniquePerTenant'
import { tenantEncrypted } from '../hooks/tenantEncrypted'
import { validatePhone } from '../src/validation/phone'
import { tenantOwned } from './tenantOwned'

/**
 * A tenant's customers; the phone (E.164) identifies a customer within one tenant. Phone, e-mail,
 * address lines and notes are encrypted with the tenant's data key (hooks/tenantEncrypted.ts); the
 * phone and e-mail keep a keyed blind index beside them, which answers uniqueness and exact filters
 * (hooks/blindIndexes.ts, hooks/blindIndexLookups.ts).
 */
export const Customers = tenantOwned({
  slug: 'customers',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'phone', 'email', 'updatedAt'], group: 'Sales' },
  indexes: [{ fields: ['tenant', 'phoneIndex'], unique: true }, { fields: ['tenant', 'emailIndex'] }],
  hooks: { beforeOperation: [blindIndexLookups(['phone', 'email'])], beforeChange: [uniquePerTenant('phone', 'Phone'), blindIndexes(['phone', 'email'])] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      type: 'row',
      fields: [tenantEncrypted({ name: 'phone', type: 'text', required: true, validate: validatePhone, admin: { placeholder: '+8801712345678' } }), tenantEncrypted({ name: 'email', type: 'email' })],
    },
    ...blindIndexFields(['phone', 'email']),
    {
      name: 'addresses',
      type: 'array',
      fields: [
        { name: 'label', type: 'text', maxLength: 40 },
        tenantEncrypted({ name: 'line1', type: 'text', required: true, maxLength: 200 }),
        tenantEncrypted({ name: 'line2', type: 'text', maxLength: 200 }),
        {
          type: 'row',
          fields: [
            { name: 'city', type: 'text', required: true, maxLength: 80 },
            { name: 'district', type: 'text', maxLength: 80 },
            { name: 'postalCode', type: 'text', maxLength: 16 },
          ],
        },
        { name: 'country', type: 'text', defaultValue: 'BD', maxLength: 2 },
      ],
    },
    tenantEncrypted({ name: 'notes', type: 'textarea', maxLength: 5_000 }),
    { name: 'tags', type: 'text', hasMany: true, maxLength: 40 },
  ],
})
