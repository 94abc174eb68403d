import type { CollectionSlug, Payload } from 'payload'

import { FIELD_LIMITS, type TenantCollection } from '../../../access/permissions'
import type { TenantRole } from '../../../src/tenancy/roles'
import { FROM_META, INBOUND_WRITE } from '../../../plugins/meta'
import { asSystem } from './factories'

/** A 1×1 transparent PNG: the smallest real upload. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

let n = 0
const next = () => ++n
const digits = (i: number, width: number) => String(i).padStart(width, '0')

/** What an order, a message or a template needs inside one tenant. */
export type TenantFixture = { tenant: string; customer: string; product: string; number: string; conversation: string; courier?: string; order?: string }

/** Something that learns the fixture's WhatsApp number (tests/fakes/meta's FakeGraph). */
type GraphRegistry = { addNumber: (n: { phoneNumberId: string; wabaId: string; token: string; displayPhoneNumber?: string }) => void }

/**
 * A tenant's customer, product, WhatsApp number and an open conversation on it (the customer
 * wrote a minute ago). Pass the fake Graph server to make the number known to it: the plugin then
 * proves it on create (verified — replies can be sent); without one it stays unverified.
 */
export async function tenantFixture(payload: Payload, tenant: string, graph?: GraphRegistry): Promise<TenantFixture> {
  const i = next()
  const wa = { phoneNumberId: `${3_000_000 + i}`, wabaId: `${4_000_000 + i}`, token: `EAAB-fixture-token-${i}`, displayPhoneNumber: '+8801700000000' }
  graph?.addNumber(wa)
  const number = await asSystem(() =>
    payload.create({
      collection: 'numbers',
      data: { tenant, phoneNumberId: wa.phoneNumberId, wabaId: wa.wabaId, displayPhoneNumber: wa.displayPhoneNumber, accessToken: wa.token, status: 'unverified' },
      overrideAccess: true,
    }),
  )
  const conversation = await asSystem(() =>
    payload.create({
      collection: 'conversations',
      data: { tenant, channel: 'whatsapp', number: number.id, contactId: `88019${digits(i, 8)}`, contactName: `Contact ${i}`, status: 'open', lastInboundAt: new Date(Date.now() - 60_000).toISOString() },
      overrideAccess: true,
    }),
  )
  const customer = await asSystem(() => payload.create({ collection: 'customers', data: { tenant, name: `Fixture ${i}`, phone: `+88019${digits(i, 8)}` }, overrideAccess: true }))
  const product = await asSystem(() =>
    payload.create({
      collection: 'products',
      data: { tenant, name: `Fixture ${i}`, sku: `FIX-${i}`, price: 1500, stock: 1000, currency: 'BDT', status: 'active' },
      overrideAccess: true,
    }),
  )
  const courier = await asSystem(() =>
    payload.create({ collection: 'couriers', data: { tenant, provider: 'steadfast', label: `Fixture courier ${i}`, credentials: '{"apiKey":"k","secretKey":"s"}', status: 'active' }, overrideAccess: true }),
  )
  const order = await asSystem(() =>
    payload.create({
      collection: 'orders',
      data: { tenant, customer: customer.id, items: [{ product: product.id, quantity: 1 }], paymentMethod: 'cod', source: 'manual', status: 'pending' },
      overrideAccess: true,
    }),
  )
  return { tenant, customer: customer.id, product: product.id, number: number.id, conversation: conversation.id, courier: courier.id, order: order.id }
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
      return { ...base, name: `Page ${i}`, pageId: `${100000 + i}`, accessToken: `EAAB-page-token-${i}-abcd`, status: 'unverified' }
    case 'numbers':
      return { ...base, phoneNumberId: `${200000 + i}`, displayPhoneNumber: '+8801711111111', wabaId: '1234567', accessToken: `EAAB-wa-token-${i}`, status: 'unverified' }
    case 'couriers':
      return { ...base, provider: 'steadfast', label: `Courier ${i}`, credentials: `{"apiKey":"k${i}","secretKey":"s${i}"}`, status: 'active' }
    case 'leads':
      return { ...base, name: `Lead ${i}`, phone: `+88018${digits(i, 8)}`, source: 'manual', status: 'new' }
    case 'api-keys':
      return { ...base, label: `Key ${i}`, scopes: ['catalog-read'] }
    case 'conversations':
      return { ...base, channel: 'whatsapp', number: fx.number, contactId: `88016${digits(i, 8)}`, status: 'open' }
    case 'messages':
      return { ...base, conversation: fx.conversation, direction: 'outbound', type: 'text', text: `Hello ${i}` }
    case 'message-templates':
      return { ...base, number: fx.number, name: `template_${i}`, language: 'en_US', category: 'UTILITY', bodyText: `Your order is on its way (${i}).` }
    case 'automations':
      return { ...base, name: `Rule ${i}`, trigger: 'keyword', keywords: ['price'], action: 'reply-text', replyText: 'Our prices are on the website.' }
    case 'meta-events':
      return { ...base, kind: 'wa-message', externalId: '1000001', eventKey: `sample:${i}`, payload: { sample: i }, status: 'done' }
    // Inactive, so that many samples may hang from the fixture's one order.
    case 'shipments':
      return {
        ...base,
        order: fx.order,
        account: fx.courier,
        provider: 'steadfast',
        invoice: `INV-${i}`,
        bookingState: 'booked',
        status: 'booked',
        active: false,
        recipient: { name: `Recipient ${i}`, phone: '01712345678', address: 'House 1, Road 2, Dhanmondi, Dhaka' },
        paymentMethod: 'cod',
        currency: 'BDT',
      }
    case 'courier-events':
      return { ...base, account: fx.courier, provider: 'steadfast', key: `sample:${i}`, kind: 'status', event: { sample: i }, state: 'done' }
    case 'courier-payouts':
      return { ...base, account: fx.courier, provider: 'steadfast', reference: `PAY-${i}`, amount: 1000, currency: 'BDT', source: 'manual' }
    case 'subscriptions':
      return { ...base, status: 'none', compReason: `sample ${i}` }
    case 'invoices':
      return { ...base, stripeInvoiceId: `in_sample_${i}`, number: `S-${i}`, status: 'paid', amountDue: 1000, amountPaid: 1000, currency: 'bdt' }
    case 'billing-events':
      return { ...base, eventId: `evt_sample_${i}`, type: 'invoice.paid', stripeCreated: 1_764_000_000 + i, state: 'done', payload: { sample: i } }
    case 'shop-settings':
      return { ...base, config: { lowStockThreshold: 3 + (i % 50) }, branding: { primaryColor: '#1a73e8', theme: 'light', titleSuffix: `Shop ${i}` } }
    case 'mail-settings':
      return { ...base, host: `smtp${i}.example.test`, port: 587, security: 'starttls', username: `user${i}`, password: `secret-${i}`, fromAddress: `shop${i}@example.test` }
    case 'custom-field-definitions':
      return { ...base, entity: 'products', key: `sample_${i}`, label: `Sample ${i}`, type: 'text' }
    case 'report-settings':
      return { ...base, exportRoles: i % 2 === 0 ? ['tenant-admin'] : ['tenant-admin', 'sales-operator'] }
    case 'ai-settings':
      return { ...base, persona: `Desk ${i}`, tone: 'friendly', policy: `Policy ${i}` }
    case 'ai-usage':
      return { ...base, feature: 'summarise', outcome: 'ok', model: 'sample-model', tokensIn: i, tokensOut: 1 }
    case 'meter-pushes':
      return { ...base, identifier: `sample:${i}`, metric: 'monthlyMessages', period: '2026-12', hour: '2026-12-01T10:00:00.000Z', value: 1, state: 'sent' }
  }
}

/** An update the role is allowed to attempt: its permitted field when limited, else a plain one. */
export function samplePatch(collection: TenantCollection, role: TenantRole | 'super-admin' | 'anonymous'): Record<string, unknown> {
  const limited = role in (FIELD_LIMITS[collection] ?? {}) ? FIELD_LIMITS[collection]![role as TenantRole]![0] : undefined
  if (limited === 'stock') return { stock: 77 }
  if (limited === 'notes') return { notes: 'patched' }
  if (limited === 'status') return { status: 'closed' }
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
    conversations: { status: 'closed' },
    messages: { text: `patched ${i}` },
    'message-templates': { description: `patched ${i}` },
    automations: { name: `Patched ${i}` },
    'meta-events': { error: `patched ${i}` },
    shipments: { notes: `patched ${i}` },
    'courier-events': { error: `patched ${i}` },
    'courier-payouts': { note: `patched ${i}` },
    subscriptions: { compReason: `patched ${i}` },
    invoices: { number: `patched ${i}` },
    'billing-events': { error: `patched ${i}` },
    'meter-pushes': { error: `patched ${i}` },
    'shop-settings': { note: `patched ${i}` },
    'mail-settings': { fromName: `Patched ${i}` },
    'custom-field-definitions': { label: `Patched ${i}` },
    'report-settings': { note: `patched ${i}` },
    'ai-settings': { persona: `Patched ${i}` },
    'ai-usage': { error: `patched ${i}` },
  }
  return patches[collection]
}

/** Create a document as the system (fixture), uploads included. */
export async function createAsSystem(payload: Payload, collection: TenantCollection, fx: TenantFixture) {
  return asSystem(() =>
    payload.create({
      collection: collection as CollectionSlug,
      data: sampleData(collection, fx) as never,
      overrideAccess: true,
      // A fixture is data as stored: a template is not submitted to Meta, a message not sent.
      ...(collection === 'message-templates' ? { context: { [FROM_META]: true } } : {}),
      ...(collection === 'messages' ? { context: { [INBOUND_WRITE]: true } } : {}),
      ...(collection === 'media' ? { file: { data: PNG, mimetype: 'image/png', name: `f${next()}.png`, size: PNG.length } } : {}),
    }),
  )
}
