import type { CollectionConfig } from 'payload'

import type { ResolvedBillingOptions } from '../options'
import { platformField } from './platform-field'

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const

/** A Stripe invoice of the shop's subscription (mirrored by the webhook job): number, period, amounts, status, links. */
export function invoicesCollection(options: ResolvedBillingOptions): CollectionConfig {
  const system = platformField(options)
  return options.tenantOwned({
    slug: 'invoices',
    admin: { useAsTitle: 'number', defaultColumns: ['number', 'status', 'amountDue', 'periodEnd'], group: 'Billing' },
    defaultSort: '-periodEnd',
    fields: [
      system({ name: 'stripeInvoiceId', type: 'text', required: true, unique: true }),
      system({ name: 'number', type: 'text' }),
      system({ name: 'status', type: 'select', options: [...INVOICE_STATUSES], index: true }),
      system({ name: 'amountDue', type: 'number', admin: { description: 'Minor units.' } }),
      system({ name: 'amountPaid', type: 'number', admin: { description: 'Minor units.' } }),
      system({ name: 'currency', type: 'text' }),
      system({ name: 'billingReason', type: 'text' }),
      system({ name: 'periodStart', type: 'date' }),
      system({ name: 'periodEnd', type: 'date' }),
      system({ name: 'attemptCount', type: 'number' }),
      system({ name: 'hostedUrl', type: 'text' }),
      system({ name: 'pdfUrl', type: 'text' }),
    ],
  })
}
