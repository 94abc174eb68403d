import type { CollectionConfig } from 'payload'

import type { ResolvedBillingOptions } from '../options'
import { platformField } from './platform-field'

export const SUBSCRIPTION_STATUSES = ['none', 'incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused', 'comped'] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

/**
 * A shop's subscription (one per shop): what Stripe says about it, mirrored by the webhook job
 * (README, "Subscriptions"), or the super-admin's comp. Only the platform writes it; the shop's
 * tenant-admin reads it (and its Billing view shows it).
 */
export function subscriptionsCollection(options: ResolvedBillingOptions): CollectionConfig {
  const system = platformField(options)
  return options.tenantOwned({
    slug: 'subscriptions',
    admin: { useAsTitle: 'status', defaultColumns: ['status', 'plan', 'interval', 'currentPeriodEnd'], group: 'Billing', description: 'The shop’s plan subscription, as Stripe reports it.' },
    fields: [
      system({ name: 'status', type: 'select', required: true, defaultValue: 'none', options: [...SUBSCRIPTION_STATUSES], index: true }),
      system({ name: 'plan', type: 'relationship', relationTo: 'plans' }),
      system({ name: 'interval', type: 'select', options: ['month', 'year'] }),
      system({ name: 'stripeCustomerId', type: 'text', unique: true }),
      system({ name: 'stripeSubscriptionId', type: 'text', unique: true }),
      system({ name: 'stripePriceId', type: 'text' }),
      system({ name: 'currentPeriodStart', type: 'date' }),
      system({ name: 'currentPeriodEnd', type: 'date' }),
      system({ name: 'cancelAtPeriodEnd', type: 'checkbox', defaultValue: false }),
      system({ name: 'trialEnd', type: 'date' }),
      system({ name: 'paymentFailing', type: 'checkbox', defaultValue: false }),
      system({ name: 'pastDueSince', type: 'date' }),
      system({ name: 'graceEndsAt', type: 'date' }),
      system({ name: 'latestInvoice', type: 'text' }),
      // Stripe's `created` of the newest event applied: an older event read later changes nothing it already decided.
      system({ name: 'lastEventAt', type: 'number' }),
      system({ name: 'compedUntil', type: 'date' }),
      system({ name: 'compReason', type: 'text', maxLength: 300 }),
      system({ name: 'amount', type: 'number', admin: { description: 'The plan price per interval, minor units.' } }),
      system({ name: 'currency', type: 'text' }),
    ],
  })
}
