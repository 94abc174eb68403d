import { minorUnits } from '../../src/fields/minor-units'
import { CURRENCIES, DEFAULT_CURRENCY } from '../../src/money/currencies'
import { uniquePerTenant } from '../../hooks/uniquePerTenant'
import { tenantOwned } from '../tenantOwned'
import { guardProductDelete } from './hooks/guardProductDelete'

/**
 * Tenant-owned catalogue. The multi-tenant plugin adds the required, indexed `tenant` field and
 * narrows every access result to the caller's tenants. Prices are integers in minor units
 * (paisa, cents) so no amount is ever a float.
 */
export const Products = tenantOwned({
  slug: 'products',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'sku', 'price', 'stock', 'status'],
    group: 'Catalogue',
  },
  // SKUs are unique per tenant, never globally; the index starts with tenant.
  indexes: [{ fields: ['tenant', 'sku'], unique: true }],
  hooks: { beforeChange: [uniquePerTenant('sku', 'SKU')], beforeDelete: [guardProductDelete] },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 200,
    },
    {
      name: 'sku',
      type: 'text',
      required: true,
      maxLength: 64,
      validate: (value: null | string | undefined) => (!value || /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) ? true : 'Use letters, digits, dots, dashes and underscores only (e.g. "TSHIRT-RED-M").'),
    },
    {
      type: 'row',
      fields: [
        minorUnits({ name: 'price', required: true }),
        minorUnits({ name: 'compareAtPrice' }),
        {
          name: 'currency',
          type: 'select',
          required: true,
          defaultValue: DEFAULT_CURRENCY,
          options: CURRENCIES.map((code) => ({ label: code, value: code })),
        },
        {
          name: 'stock',
          type: 'number',
          required: true,
          defaultValue: 0,
          min: 0,
          validate: (value: null | number | undefined) => (value == null || (Number.isInteger(value) && value >= 0) ? true : 'Stock is a whole number, zero or more.'),
        },
      ],
    },
    { name: 'description', type: 'richText' },
    { name: 'images', type: 'upload', relationTo: 'media', hasMany: true },
    { name: 'category', type: 'text', maxLength: 100, index: true },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      index: true,
      options: [
        { label: 'Draft', value: 'draft' },
        { label: 'Active', value: 'active' },
        { label: 'Archived', value: 'archived' },
      ],
    },
  ],
})
