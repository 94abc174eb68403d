import type { CollectionConfig } from 'payload'

import { isAuthenticated } from '../access/isAuthenticated'
import { CURRENCIES, DEFAULT_CURRENCY } from '../src/money/currencies'

/**
 * Tenant-owned catalogue. The multi-tenant plugin adds the required, indexed `tenant` field and
 * narrows every access result to the caller's tenants. Prices are integers in minor units
 * (paisa, cents) so no amount is ever a float.
 */
export const Products: CollectionConfig = {
  slug: 'products',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'sku', 'price', 'stock', 'status'],
    group: 'Catalogue',
  },
  access: {
    create: isAuthenticated,
    delete: isAuthenticated,
    read: isAuthenticated,
    update: isAuthenticated,
  },
  // SKUs are unique per tenant, never globally; the index starts with tenant.
  indexes: [{ fields: ['tenant', 'sku'], unique: true }],
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
      validate: (value: null | string | undefined) =>
        !value || /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)
          ? true
          : 'Use letters, digits, dots, dashes and underscores only (e.g. "TSHIRT-RED-M").',
    },
    {
      type: 'row',
      fields: [
        {
          name: 'price',
          type: 'number',
          required: true,
          min: 0,
          validate: (value: null | number | undefined) =>
            value == null || (Number.isInteger(value) && value >= 0)
              ? true
              : 'Price is a whole number of minor units (e.g. 1250 for 12.50).',
          admin: { description: 'In minor units: 1250 = 12.50' },
        },
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
          validate: (value: null | number | undefined) =>
            value == null || (Number.isInteger(value) && value >= 0)
              ? true
              : 'Stock is a whole number, zero or more.',
        },
      ],
    },
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
}
