import type pg from 'pg'

import type { User } from '../../payload-types'
import { memberships } from '../../src/tenancy/memberships'
import { runInRequestScope } from '../../src/tenancy/request-context'
import { api } from '../../tests/int/helpers/api'
import type { Variant, Workload } from './measure'
import type { Database, Modes, State } from './modes'
import { rawList, rawProduct, type Answer, type ListSlug } from './raw'

export type Shop = { tenantId: string; user: User; token: string; productIds: string[] }
/** A call's random choices; each variant maps them onto its own world (shop index modulo its shops). */
export type Call = { pick: number; page: number; item: number }
/** A variant, and the pools whose checkouts it makes. */
export type BenchVariant = Variant<Call, Answer> & { pools: () => Database['pools'] }
export type BenchWorkload = Workload<Call, BenchVariant>

export type World = {
  app: Modes
  /** Tenant-admins of shops of the test database and of its few-tenant copy. */
  many: Shop[]
  few: Shop[]
  fewName: string
  /** The staff member of many shops (all of `many`'s among them), and the variant's name. */
  staff: { token: string; name: string }
  rawPool: pg.Pool
  limit: number
  /** For unique SKUs across runs on a kept database. */
  seed: number
}

const get = async (path: string, token: string, headers?: Record<string, string>) => {
  const res = await runInRequestScope(() => api('GET', path, { token, headers }))
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

const listAnswer = (body: { docs: { id: string; tenant: string }[]; totalDocs: number }): Answer => ({
  ids: body.docs.map((d) => d.id),
  tenants: body.docs.map((d) => String(d.tenant)),
  total: body.totalDocs,
})

const shopOf = (shops: Shop[], call: Call) => shops[call.pick % shops.length]
const productOf = (shop: Shop, call: Call) => shop.productIds[call.item % shop.productIds.length]

/**
 * The reads (phase 1) and the create (phase 2), each REST call through the real route handler
 * in a request scope like src/app/(payload)/api. `created` counts the creates per mode and shop.
 */
export function buildWorkloads({ app, many, few, fewName, staff, rawPool, limit, seed }: World) {
  const inState = (state: State, name: string, run: (call: Call) => Promise<Answer>): BenchVariant => ({ name, prepare: () => app.use(state), run, pools: () => app.pools(state) })
  const raw = (run: (call: Call) => Promise<Answer>): BenchVariant => ({ name: 'raw', run, pools: () => [{ label: 'owner', pool: rawPool }] })
  const page = (call: Call) => `limit=${limit}&page=${call.page}&depth=0`

  const restList = (slug: ListSlug, state: State, name: string, shops: Shop[]) => inState(state, name, async (call) => listAnswer(await get(`/${slug}?${page(call)}`, shopOf(shops, call).token)))
  const list = (slug: ListSlug): BenchWorkload => ({
    name: `${slug} list`,
    variants: [restList(slug, 'on', 'on', many), restList(slug, 'off', 'off', many), raw((call) => rawList(rawPool, slug, shopOf(many, call).tenantId, limit, call.page)), restList(slug, 'few', fewName, few)],
  })
  const byId = (state: State) =>
    inState(state, state, async (call) => {
      const shop = shopOf(many, call)
      const doc = await get(`/products/${productOf(shop, call)}?depth=0`, shop.token)
      return { ids: [doc.id], tenants: [String(doc.tenant)], total: 1 }
    })
  const me = (state: State) =>
    inState(state, state, async (call) => {
      const body = await get('/users/me', shopOf(many, call).token)
      return { ids: [body.user.id], tenants: memberships(body.user).map((m) => m.tenant), total: 0 }
    })
  // The back-office list of the selected shop: the plugin's cookie, and the list filter the admin adds for it.
  const selectedShop = (name: string, token: (call: Call) => string) =>
    inState('on', name, async (call) => {
      const shop = shopOf(many, call).tenantId
      return listAnswer(await get(`/products?${page(call)}&where[tenant][equals]=${shop}`, token(call), { cookie: `payload-tenant=${shop}` }))
    })
  const reads: BenchWorkload[] = [
    list('products'),
    list('orders'),
    { name: 'product by id', variants: [byId('on'), byId('off'), raw((call) => rawProduct(rawPool, productOf(shopOf(many, call), call)))] },
    { name: 'users/me', variants: [me('on'), me('off')] },
    { name: 'staff list, selected shop', variants: [selectedShop('1 shop', (call) => shopOf(many, call).token), selectedShop(staff.name, () => staff.token)] },
  ]

  let serial = 0
  const created = { on: new Map<string, number>(), off: new Map<string, number>() }
  const create = (state: 'on' | 'off') =>
    inState(state, state, async (call) => {
      const shop = shopOf(many, call)
      const sku = `TB-${seed.toString(36)}-${(serial++).toString(36)}`
      const body = { tenant: shop.tenantId, name: `Bench product ${sku}`, sku, price: 1000, stock: 5, currency: 'BDT', status: 'active' }
      const res = await runInRequestScope(() => api('POST', '/products?depth=0', { token: shop.token, body }))
      if (res.status !== 201) throw new Error(`POST /products: ${res.status} ${JSON.stringify(res.body)}`)
      created[state].set(shop.tenantId, (created[state].get(shop.tenantId) ?? 0) + 1)
      return { ids: [res.body.doc.id], tenants: [String(res.body.doc.tenant)], total: 1 }
    })
  const writes: BenchWorkload[] = [{ name: 'product create', variants: [create('on'), create('off')] }]
  return { reads, writes, created }
}
