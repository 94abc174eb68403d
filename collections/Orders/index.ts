import { minorUnits } from '../../src/fields/minor-units'
import { CURRENCIES, DEFAULT_CURRENCY } from '../../src/money/currencies'
import { tenantOwned } from '../tenantOwned'
import { applyStatus } from './hooks/applyStatus'
import { assignNumber } from './hooks/assignNumber'
import { computeTotals } from './hooks/computeTotals'
import { countDeferredOrder } from './hooks/countDeferredOrder'
import { freezeItems } from './hooks/freezeItems'
import { guardDelete } from './hooks/guardDelete'
import { lockOrder } from './hooks/lockOrder'
import { ORDER_STATUSES } from './transitions'

const computed = { readOnly: true, description: 'Computed by the server.' }

/** Orders: numbered per tenant, totals computed on the server, status moves checked, stock kept. */
export const Orders = tenantOwned({
  slug: 'orders',
  admin: { useAsTitle: 'number', defaultColumns: ['number', 'customer', 'status', 'total', 'createdAt'], group: 'Sales' },
  // A bulk update runs every order in ONE transaction and commits even when some fail, so a
  // confirm that fails halfway would keep the stock it already took. Status moves go one order
  // at a time (each its own transaction); bulk delete is unaffected (guardDelete has no side effects).
  disableBulkEdit: true,
  indexes: [{ fields: ['tenant', 'number'], unique: true }, { fields: ['tenant', 'status'] }, { fields: ['tenant', 'createdAt'] }],
  // Order matters: lock and check the stored version, refuse frozen items, then number, price
  // and move status (stock), then count a deferred storefront order once it is confirmed.
  // tenantOwned appends the same-tenant guard; all of it runs in the operation's transaction, so
  // any error undoes the number, the stock, the quota unit and the write together.
  hooks: { beforeChange: [lockOrder, freezeItems, assignNumber, computeTotals, applyStatus, countDeferredOrder], beforeDelete: [guardDelete] },
  fields: [
    { name: 'number', type: 'text', index: true, admin: { ...computed, position: 'sidebar' } },
    { name: 'customer', type: 'relationship', relationTo: 'customers', required: true },
    {
      name: 'items',
      type: 'array',
      required: true,
      minRows: 1,
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'product', type: 'relationship', relationTo: 'products', required: true },
            {
              name: 'quantity',
              type: 'number',
              required: true,
              min: 1,
              defaultValue: 1,
              validate: (v: null | number | undefined) => (v == null || (Number.isInteger(v) && v >= 1) ? true : 'Quantity is a whole number, 1 or more.'),
            },
            minorUnits({ name: 'unitPrice', readOnly: true, description: 'Captured from the product when added.' }),
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        minorUnits({ name: 'subtotal', ...computed }),
        minorUnits({ name: 'shipping' }),
        minorUnits({ name: 'discount' }),
        minorUnits({ name: 'total', ...computed }),
        { name: 'currency', type: 'select', defaultValue: DEFAULT_CURRENCY, options: [...CURRENCIES] },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'paymentMethod', type: 'select', required: true, defaultValue: 'cod', options: ['cod', 'prepaid'] },
        { name: 'source', type: 'select', required: true, defaultValue: 'manual', options: ['facebook', 'whatsapp', 'storefront', 'manual'] },
        { name: 'status', type: 'select', required: true, defaultValue: 'pending', index: true, options: [...ORDER_STATUSES] },
      ],
    },
    { name: 'notes', type: 'textarea', maxLength: 5_000 },
    {
      name: 'quotaCounted',
      type: 'checkbox',
      defaultValue: false,
      // Decided by countDeferredOrder on every write, never by a caller.
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, description: 'Counted in this month’s orders. Anonymous storefront orders count when confirmed.' },
    },
  ],
})
