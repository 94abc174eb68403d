import { minorUnits } from '../src/fields/minor-units'
import { secretField } from '../src/fields/secret-field'
import { tenantOwned } from './tenantOwned'

/**
 * A tenant's courier accounts. `credentials` is the provider's secret material as JSON text
 * (Steadfast api-key/secret-key, Pathao client id/secret + login, RedX token), encrypted.
 */
export const Couriers = tenantOwned({
  slug: 'couriers',
  admin: { useAsTitle: 'label', defaultColumns: ['label', 'provider', 'isDefault', 'status'], group: 'Delivery' },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'provider', type: 'select', required: true, options: ['steadfast', 'pathao', 'redx'] },
        { name: 'label', type: 'text', required: true, maxLength: 80 },
      ],
    },
    ...secretField({ name: 'credentials', label: 'Credentials (JSON)', required: true }),
    {
      name: 'rateCard',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'zone', type: 'select', required: true, options: ['inside-city', 'sub-city', 'outside-city'] },
            { name: 'maxWeightGrams', type: 'number', required: true, min: 1 },
            minorUnits({ name: 'charge', required: true }),
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'isDefault', type: 'checkbox', defaultValue: false },
        { name: 'status', type: 'select', required: true, defaultValue: 'active', options: ['active', 'disabled', 'error'] },
      ],
    },
  ],
})
