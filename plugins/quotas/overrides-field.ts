import type { ArrayField, FieldAccess } from 'payload'

import { LIMITS, RATE_LIMITS, type QuotasAccess } from './options'

type Row = { limit?: null | string }

/** On the tenant: per-limit overrides set by the super-admin; an override beats the plan. */
export const quotaOverridesField = ({ isSuperAdmin }: Pick<QuotasAccess, 'isSuperAdmin'>): ArrayField => {
  const superAdminOnly: FieldAccess = ({ req }) => isSuperAdmin(req.user)
  return {
    name: 'quotaOverrides',
    type: 'array',
    labels: { singular: 'Limit override', plural: 'Limit overrides' },
    access: { create: superAdminOnly, read: () => true, update: superAdminOnly },
    admin: { description: 'Raise or lower one limit for this tenant only; it beats the plan. An empty max means unlimited.' },
    validate: (rows: null | unknown[] | undefined) => {
      const limits = ((rows ?? []) as Row[]).map((row) => row.limit).filter(Boolean)
      const twice = limits.find((limit, i) => limits.indexOf(limit) !== i)
      return twice ? `The "${twice}" limit is overridden twice; keep one row per limit.` : true
    },
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'limit', type: 'select', required: true, options: [...LIMITS, ...RATE_LIMITS], admin: { width: '33%' } },
          {
            name: 'max',
            type: 'number',
            min: 0,
            admin: { width: '33%', description: 'Empty = unlimited (apiRequestsPerMinute: the platform default)' },
            validate: (value: null | number | undefined) => (value == null || (Number.isInteger(value) && value >= 0) ? true : 'A limit is a whole number, zero or more.'),
          },
          { name: 'reason', type: 'text', maxLength: 200, admin: { width: '33%' } },
        ],
      },
    ],
  }
}
