import type { CollectionSlug, Payload } from 'payload'

import { FIELD_LIMITS, type TenantCollection } from '../../../access/permissions'
import type { TenantRole } from '../../../src/tenancy/roles'
import { asSystem } from './factories'

/** A 1×1 transparent PNG: the smallest real upload. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

let n = 0
const next = () => ++n
const digits = (i: number, width: number) => String(i).padStart(width, '0')

/** What an order needs inside one tenant. */
export type TenantFixture = { tenant: string; customer: string; product: string }

export async function tenantFixture(payload: Payload, tenant: string): Promise<TenantFixture> {
  const i = next()
  const customer = await asSystem(() => payload.create({ collection: 'customers', data: { tenant, name: `Fixture ${i}`, phone: `+88019${digits(i, 8)}` }, overrideAccess: true }))
  const product = await asSystem(() => payload.create({
    collection: 'products',
    data: { tenant, name: `Fixture ${i}`, sku: `FIX-${i}`, price: 1500, stock: 1000, currency: 'BDT', status: 'active' },
    overrideAccess: true,
  }))
  return { tenant, customer: customer.id, product: product.id }
}

/** Valid create data for each tenant-owned collection (unique values on every call). */
export function sampleData(collection: TenantCollection, fx: TenantFixture): Record<string, unknown> {
  const i = next()
  const base = { tenant: fx.tenant }
  switch (collection) {
    case 'media':
      return { ...base, alt: `image ${i}` }
    case 'products':
      return { ...base, name: `Product ${i}`, sku: `SKU-${i}`, price: 1000, stock: 5, currency: 'BDT', status: 'active' }
    case 'customers':
      return { ...base, name: `Customer ${i}`, phone: `+88017${digits(i, 8)}` }
    // Required selects are spelled out although they have defaults: Payload's GraphQL input
    // types make every required field non-null, defaults or not.
    case 'orders':
      return { ...base, customer: fx.customer, items: [{ product: fx.product, quantity: 1 }], paymentMethod: 'cod', source: 'manual', status: 'pending' }
    case 'pages':
      return { ...base, name: `Page ${i}`, pageId: `${100000 + i}`, accessToken: `EAAB-page-token-${i}-abcd`, status: 'connected' }
    case 'numbers':
      return { ...base, phoneNumberId: `${200000 + i}`, displayPhoneNumber: '+8801711111111', wabaId: '1234567', accessToken: `EAAB-wa-token-${i}`, status: 'connected' }
    case 'couriers':
      return { ...base, provider: 'steadfast', label: `Courier ${i}`, credentials: `{"apiKey":"k${i}","secretKey":"s${i}"}`, status: 'active' }
    case 'leads':
      return { ...base, name: `Lead ${i}`, phone: `+88018${digits(i, 8)}`, source: 'manual', status: 'new' }
    case 'api-keys':
      return { ...base, label: `Key ${i}`, scopes: ['catalog-read'] }
  }
}

/** An update the role is allowed to attempt: its permitted field when limited, else a plain one. */
export function samplePatch(collection: TenantCollection, role: TenantRole | 'super-admin' | 'anonymous'): Record<string, unknown> {
  const limited = role in (FIELD_LIMITS[collection] ?? {}) ? FIELD_LIMITS[collection]![role as TenantRole]![0] : undefined
  if (limited === 'stock') return { stock: 77 }
  if (limited === 'notes') return { notes: 'patched' }
  const i = next()
  const patches: Record<TenantCollection, Record<string, unknown>> = {
    media: { alt: `patched ${i}` },
    products: { name: `Patched ${i}` },
    customers: { name: `Patched ${i}` },
    orders: { notes: `patched ${i}` },
    pages: { name: `Patched ${i}` },
    numbers: { displayPhoneNumber: '+8801722222222' },
    couriers: { label: `Patched ${i}` },
    leads: { name: `Patched ${i}` },
    'api-keys': { label: `Patched ${i}` },
  }
  return patches[collection]
}

/** Create a document as the system (fixture), uploads included. */
export async function createAsSystem(payload: Payload, collection: TenantCollection, fx: TenantFixture) {
  return asSystem(() => payload.create({
    collection: collection as CollectionSlug,
    data: sampleData(collection, fx) as never,
    overrideAccess: true,
    ...(collection === 'media' ? { file: { data: PNG, mimetype: 'image/png', name: `f${next()}.png`, size: PNG.length } } : {}),
  }))
}
