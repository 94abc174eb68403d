import { APIError } from 'payload'

import type { FeatureName, LimitName } from './options'

export type QuotaExceededBody = { error: 'quota_exceeded'; limit: LimitName; used: number; max: number; plan: null | string }
export type FeatureNotInPlanBody = { error: 'feature_not_in_plan'; feature: FeatureName; plan: null | string }

const LIMIT_WORDS: Record<LimitName, string> = {
  users: 'staff members',
  pages: 'Facebook pages',
  numbers: 'WhatsApp numbers',
  couriers: 'courier accounts',
  products: 'products',
  monthlyMessages: 'messages this month',
  leadsPerMonth: 'leads this month',
  ordersPerMonth: 'orders this month',
  shipmentsPerMonth: 'shipments this month',
  aiRequestsPerMonth: 'AI requests this month',
}

export const limitWords = (limit: LimitName): string => LIMIT_WORDS[limit]

const planWords = (plan: null | string) => (plan ? `the "${plan}" plan` : 'this shop')

/**
 * A create or a consume that would go over the tenant's limit (HTTP 403). The code and details
 * are in `data`; the host's config `afterError` puts them in its error body.
 */
export class QuotaExceededError extends APIError<QuotaExceededBody> {
  constructor(body: Omit<QuotaExceededBody, 'error'>, asked = 1) {
    const over = asked > 1 ? ` (asked for ${asked} more)` : ''
    super(
      `Quota exceeded: ${planWords(body.plan)} allows ${body.max} ${limitWords(body.limit)} and ${body.used} are used${over}. Upgrade the plan or ask the platform to raise the limit.`,
      403,
      { error: 'quota_exceeded', ...body },
      true,
    )
    // Spelled out: a production build minifies class names, and the name is shown and logged.
    this.name = 'QuotaExceededError'
  }
}

/** An operation on a collection the tenant's plan does not include (HTTP 403). */
export class FeatureNotInPlanError extends APIError<FeatureNotInPlanBody> {
  constructor(feature: FeatureName, plan: null | string) {
    super(`Your plan does not include ${feature}: ${planWords(plan)} has no "${feature}" feature. Upgrade the plan to use it.`, 403, { error: 'feature_not_in_plan', feature, plan }, true)
    this.name = 'FeatureNotInPlanError'
  }
}
