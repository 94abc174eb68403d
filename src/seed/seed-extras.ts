import type { Payload, PayloadRequest, Where } from 'payload'

import type { Tenant } from '../../payload-types'
import { SKIP_CHANNEL_PROOF } from '../../plugins/meta'
import { DEMO_PLANS, demoRecords } from './demo-extras'

type Ctx = { payload: Payload; req: PayloadRequest }
const system = (req: PayloadRequest) => ({ overrideAccess: true, req, depth: 0 }) as const

async function ensure<T extends 'customers' | 'leads' | 'pages' | 'numbers' | 'couriers' | 'plans'>(
  { payload, req }: Ctx,
  collection: T,
  where: Where,
  data: Record<string, unknown>,
  context?: Record<string, unknown>,
): Promise<{ id: string; created: boolean }> {
  const found = await payload.find({ collection, where, limit: 1, ...system(req) })
  if (found.docs[0]) return { id: String(found.docs[0].id), created: false }
  const doc = await payload.create({ collection, data: data as never, ...system(req), ...(context ? { context } : {}) })
  return { id: String(doc.id), created: true }
}

/** Plans by slug → id (created when missing). */
export async function seedPlans(ctx: Ctx): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const plan of DEMO_PLANS) {
    const { id } = await ensure(ctx, 'plans', { slug: { equals: plan.slug } }, { ...plan, features: [...plan.features], currency: 'BDT', active: true })
    ids.set(plan.slug, id)
  }
  return ids
}

/**
 * Customers, leads, a Facebook page, a WhatsApp number, a courier account and two orders (one
 * pending, one confirmed — which takes stock through the Orders hooks) for one tenant. Returns
 * how many documents it created and, for active tenants, a storefront API key shown once.
 */
export async function seedTenantExtras(ctx: Ctx, tenant: Tenant, index: number): Promise<{ created: number; apiKey?: string }> {
  const { payload, req } = ctx
  const records = demoRecords(index, tenant.name)
  const inTenant = (where: Where): Where => ({ and: [{ tenant: { equals: tenant.id } }, where] })
  let created = 0
  const count = (r: { created: boolean }) => (created += r.created ? 1 : 0)

  const customers: string[] = []
  for (const customer of records.customers) {
    const r = await ensure(ctx, 'customers', inTenant({ phone: { equals: customer.phone } }), { ...customer, tenant: tenant.id })
    count(r)
    customers.push(r.id)
  }
  for (const lead of records.leads) count(await ensure(ctx, 'leads', inTenant({ phone: { equals: lead.phone } }), { ...lead, tenant: tenant.id }))
  // The demo page and number have made-up tokens: they are not proven against Meta (no Graph call
  // from the seed) and stay unverified — they receive no webhooks until given real tokens and
  // "Test connection" (plugins/meta/README.md, "Proof").
  const unproven = { [SKIP_CHANNEL_PROOF]: true }
  count(await ensure(ctx, 'pages', { pageId: { equals: records.page.pageId } }, { ...records.page, tenant: tenant.id }, unproven))
  count(await ensure(ctx, 'numbers', { phoneNumberId: { equals: records.number.phoneNumberId } }, { ...records.number, tenant: tenant.id }, unproven))
  count(await ensure(ctx, 'couriers', inTenant({ label: { equals: records.courier.label } }), { ...records.courier, status: 'active', tenant: tenant.id }))

  const orders = await payload.count({ collection: 'orders', where: { tenant: { equals: tenant.id } }, ...system(req) })
  if (orders.totalDocs === 0) {
    const products = await payload.find({ collection: 'products', where: inTenant({ status: { equals: 'active' } }), limit: 2, sort: 'sku', ...system(req) })
    if (products.docs.length > 0) {
      const items = products.docs.map((p) => ({ product: p.id, quantity: 1 }))
      const base = { tenant: tenant.id, items, shipping: 6000, paymentMethod: 'cod', source: 'facebook', status: 'pending' } as const
      await payload.create({ collection: 'orders', data: { ...base, customer: customers[0] }, ...system(req) })
      const second = await payload.create({ collection: 'orders', data: { ...base, customer: customers[1] ?? customers[0], source: 'whatsapp' }, ...system(req) })
      await payload.update({ collection: 'orders', id: second.id, data: { status: 'confirmed' }, ...system(req) })
      created += 2
    }
  }

  if (tenant.status !== 'active') return { created }
  const keys = await payload.count({ collection: 'api-keys', where: { tenant: { equals: tenant.id } }, ...system(req) })
  if (keys.totalDocs > 0) return { created }
  const key = (await payload.create({
    collection: 'api-keys',
    data: { tenant: tenant.id, label: 'Demo storefront', scopes: ['catalog-read', 'orders-create', 'customers-create'] },
    ...system(req),
  })) as unknown as { key?: string }
  return { created: created + 1, apiKey: key.key }
}
