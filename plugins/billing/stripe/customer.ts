import type { PayloadRequest } from 'payload'

import type { Subscription } from '../../../payload-types'
import { hostOf } from '../options'
import { readTenant } from '../tenant-effects'
import { stripeOf } from './client'
import { subscriptionRow, updateSubscription } from './mirror'

/**
 * The shop's Stripe customer, created the first time it is needed (named after the shop, the
 * first tenant-admin's email, `metadata.tenant`); the idempotency key makes two first checkouts
 * at once create one customer. Its id is what routes Stripe's events to the shop.
 */
export async function ensureCustomer(req: PayloadRequest, tenantId: string): Promise<{ customer: string; row: Subscription }> {
  const row = await subscriptionRow(req, tenantId)
  if (row.stripeCustomerId) return { customer: row.stripeCustomerId, row }
  const options = hostOf(req)
  const tenant = await readTenant(req, tenantId)
  const [admin] = await options.tenancy.tenantAdmins(req, tenantId)
  const customer = await stripeOf(options).customers.create(
    { name: tenant.displayName || tenant.name, ...(admin ? { email: admin.email } : {}), metadata: { tenant: tenantId, slug: tenant.slug } },
    { idempotencyKey: `customer:${tenantId}` },
  )
  return { customer: customer.id, row: await updateSubscription(req, row.id, { stripeCustomerId: customer.id }) }
}
