import type { CollectionConfig, Field } from 'payload'

import { isAuthenticated } from '../access/isAuthenticated'
import { auditChange, auditDelete } from '../hooks/auditTrail'
import { isSuperAdminAccess } from '../access/isSuperAdmin'
import { CURRENCIES, DEFAULT_CURRENCY } from '../src/money/currencies'
import { validateSlug } from '../src/tenancy/validate'
import { minorUnits } from '../src/fields/minor-units'

export const PLAN_LIMITS = ['users', 'pages', 'numbers', 'couriers', 'products', 'monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'shipmentsPerMonth', 'aiRequestsPerMonth'] as const

/**
 * Limits on how fast, rather than how much (src/ratelimit). Not usage: no ledger, alerts or
 * Usage bars. Empty or 0 means the platform default (RATE_LIMIT_API_TENANT, 600 a minute).
 */
export const PLAN_RATE_LIMITS = ['apiRequestsPerMinute'] as const

export const PLAN_FEATURES = ['whatsapp', 'messenger', 'couriers', 'lead-ads', 'ai', 'api-access', 'custom-domain', 'branding'] as const

const limitField = (name: (typeof PLAN_LIMITS)[number] | (typeof PLAN_RATE_LIMITS)[number]): Field => ({
  name,
  type: 'number',
  min: 0,
  admin: {
    description: (PLAN_RATE_LIMITS as readonly string[]).includes(name) ? 'API requests a minute (API keys and storefront); empty or 0 = platform default' : 'Empty = unlimited',
    width: '33%',
  },
  validate: (value: null | number | undefined) => (value == null || (Number.isInteger(value) && value >= 0) ? true : 'A limit is a whole number, zero or more.'),
})

/** Subscription plans: prices, limits and feature switches (enforced by plugins/quotas). */
export const Plans: CollectionConfig = {
  slug: 'plans',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug', 'priceMonthly', 'active'], group: 'Platform' },
  access: {
    read: isAuthenticated,
    create: isSuperAdminAccess,
    update: isSuperAdminAccess,
    delete: isSuperAdminAccess,
  },
  hooks: { afterChange: [auditChange], afterDelete: [auditDelete] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    { name: 'slug', type: 'text', required: true, unique: true, index: true, validate: validateSlug },
    {
      type: 'row',
      fields: [
        minorUnits({ name: 'priceMonthly', required: true }),
        minorUnits({ name: 'priceYearly', required: true }),
        { name: 'currency', type: 'select', required: true, defaultValue: DEFAULT_CURRENCY, options: [...CURRENCIES] },
      ],
    },
    { name: 'limits', type: 'group', fields: [...PLAN_LIMITS, ...PLAN_RATE_LIMITS].map(limitField) },
    { name: 'features', type: 'select', hasMany: true, options: [...PLAN_FEATURES] },
    { name: 'active', type: 'checkbox', defaultValue: true, index: true },
  ],
}
