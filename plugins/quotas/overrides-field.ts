import type { ArrayField } from 'payload'

import { isSuperAdminFieldAccess } from '../../access/isSuperAdminFieldAccess'
import { PLAN_LIMITS, PLAN_RATE_LIMITS } from '../../collections/Plans'

type Row = { limit?: null | string }

/** On the tenant: per-limit overrides set by the super-admin; an override beats the plan. */
export const quotaOverridesField: ArrayField = {
  name: 'quotaOverrides',
  type: 'array',
  labels: { singular: 'Limit override', plural: 'Limit overrides' },
  access: { create: isSuperAdminFieldAccess, read: () => true, update: isSuperAdminFieldAccess },
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
        { name: 'limit', type: 'select', required: true, options: [...PLAN_LIMITS, ...PLAN_RATE_LIMITS], admin: { width: '33%' } },
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
