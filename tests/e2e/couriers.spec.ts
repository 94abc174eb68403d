import { expect, test, type APIRequestContext } from '@playwright/test'
import { createServer, request as httpRequest, type Server } from 'node:http'

import { DEMO_TENANTS, demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { demoRecords } from '../../src/seed/demo-extras'
import { startFakeSteadfast, type FakeSteadfast } from '../fakes/couriers'
import { logIn, openNav, saveScreenshot } from './helpers'

/**
 * Couriers in the admin (plugins/couriers/admin): a tenant-admin opens a confirmed order, sees
 * its price from the shop's rate card, books it with Steadfast (the app's booking job calls the
 * local fake Steadfast it was started with), and sees it booked with the consignment's tracking
 * code. The courier then reports the parcel delivered by its signed webhook, and after a reload
 * the order shows Delivered with the cash collected; the COD reconciliation lists the parcel.
 *
 * The shop's own demo Steadfast account is used (its seeded credentials are the ones the fake
 * accepts): a second account would change the courier count the Usage spec expects of the shop.
 */
const index = DEMO_TENANTS.findIndex((tenant) => tenant.slug === 'acme-gadgets')
const acme = DEMO_TENANTS[index]
const { courier } = demoRecords(index + 1, acme.name)
const credentials = JSON.parse(courier.credentials) as { apiKey: string; secretKey: string }
const usbCable = acme.products.find((p) => p.sku === 'ACME-USBC-1M')!

let steadfast: FakeSteadfast
let forwarder: Server

/**
 * The app was started with STEADFAST_URL on a port fixed before the run
 * (EMERKATER_E2E_STEADFAST_PORT); the fake listens on a port of its own, so requests to the
 * fixed port are passed on to it unchanged.
 */
function forward(port: number, target: string): Promise<Server> {
  const to = new URL(target)
  const server = createServer((req, res) => {
    const upstream = httpRequest({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

test.beforeAll(async () => {
  steadfast = await startFakeSteadfast({ accounts: [credentials], deliveryCharge: 60 })
  forwarder = await forward(Number(process.env.EMERKATER_E2E_STEADFAST_PORT), steadfast.url)
})
test.afterAll(async () => {
  await new Promise<void>((resolve) => (forwarder ? forwarder.close(() => resolve()) : resolve()))
  await steadfast?.close()
})

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true)
  return (await response.json()) as T
}

/** A customer in Dhaka and a confirmed cash-on-delivery order of one cable, over REST as the signed-in tenant-admin. */
async function confirmedOrder(request: APIRequestContext, tenant: string) {
  const phone = `+88017${String(Date.now()).slice(-8)}`
  const customer = await json<{ doc: { id: string } }>(
    await request.post('/api/customers', {
      data: { tenant, name: 'Nasrin Sultana', phone, addresses: [{ label: 'Home', line1: 'House 7, Road 3, Dhanmondi', city: 'Dhaka', district: 'Dhaka', country: 'BD' }] },
    }),
    'create the customer',
  )
  const products = await json<{ docs: { id: string }[] }>(await request.get(`/api/products?depth=0&limit=1&where[sku][equals]=${usbCable.sku}`), 'find the product')
  const created = await json<{ doc: { id: string } }>(
    await request.post('/api/orders', { data: { tenant, customer: customer.doc.id, items: [{ product: products.docs[0].id, quantity: 1 }], paymentMethod: 'cod', source: 'manual' } }),
    'create the order',
  )
  const confirmed = await json<{ doc: { id: string; number: string; total: number; status: string } }>(
    await request.patch(`/api/orders/${created.doc.id}`, { data: { status: 'confirmed' } }),
    'confirm the order',
  )
  expect(confirmed.doc.status).toBe('confirmed')
  return confirmed.doc
}

test('a tenant-admin books a confirmed order with Steadfast; the courier’s webhook marks it delivered; the reconciliation lists it', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  const me = await json<{ user: { tenants: { tenant: { id: string } | string }[] } }>(await page.request.get('/api/users/me'), 'who am I')
  const first = me.user.tenants[0].tenant
  const tenant = typeof first === 'string' ? first : first.id
  const accounts = await json<{ docs: { id: string; label: string }[] }>(await page.request.get(`/api/couriers?depth=0&where[label][equals]=${encodeURIComponent(courier.label)}`), 'the demo account')
  const accountId = accounts.docs[0].id
  const order = await confirmedOrder(page.request, tenant)

  await page.goto(`/admin/collections/orders/${order.id}`)
  const panel = page.getByTestId('courier-panel')
  await expect(panel.getByTestId('courier-book')).toBeVisible()
  // The recipient comes from the customer; the price from the account's rate card (Dhaka, 500 g: inside the city, ৳60).
  await expect(panel.getByTestId('courier-recipient')).toContainText('Nasrin Sultana')
  await expect(panel.getByLabel('Cash to collect')).toHaveValue((order.total / 100).toFixed(2))
  await expect(panel.getByTestId('courier-quote')).toContainText('৳60.00')
  await expect(panel.getByTestId('courier-quote')).toContainText('rate card')
  await saveScreenshot(page, testInfo, 'courier-book-form')
  await panel.getByRole('button', { name: `Book with ${courier.label}` }).click()

  // The booking job runs in the app right after the request; the panel follows the batch.
  await expect(panel.getByTestId('shipment-status')).toHaveText('Booked', { timeout: 45_000 })
  const consignment = steadfast.consignment(order.number)
  expect(consignment, 'Steadfast received the order').toBeTruthy()
  expect(consignment).toMatchObject({ invoice: order.number, cod_amount: order.total / 100, recipient_name: 'Nasrin Sultana' })
  await expect(panel.getByTestId('shipment-tracking')).toHaveText(consignment!.tracking_code)
  await saveScreenshot(page, testInfo, 'courier-booked')

  // Steadfast reports the delivery to the account's webhook URL, with its secret as the bearer token.
  const hook = await json<{ url: string; secret: string }>(await page.request.get(`/api/couriers/${accountId}/webhook`), 'the webhook address')
  const url = new URL(hook.url)
  steadfast.setWebhook(new URL(url.pathname + url.search, new URL(page.url()).origin).toString(), hook.secret)
  const delivery = await steadfast.deliver(order.number)
  expect(delivery.ok, JSON.stringify(delivery.attempts)).toBe(true)
  await expect
    .poll(async () => (await json<{ docs: { status: string }[] }>(await page.request.get(`/api/shipments?depth=0&where[order][equals]=${order.id}`), 'the shipment')).docs[0]?.status, {
      timeout: 30_000,
    })
    .toBe('delivered')

  await page.reload()
  await expect(panel.getByTestId('shipment-status')).toHaveText('Delivered')
  await expect(panel.getByTestId('shipment-cod-collected')).toHaveText(new Intl.NumberFormat('en', { style: 'currency', currency: 'BDT', currencyDisplay: 'narrowSymbol' }).format(order.total / 100))
  await expect(panel.getByRole('button', { name: 'Refresh from courier' })).toHaveCount(0)
  await saveScreenshot(page, testInfo, 'courier-delivered')

  // The COD reconciliation, from the side nav: the parcel with its tracking code and the cash collected.
  await openNav(page)
  await page.getByRole('link', { name: 'COD reconciliation' }).click()
  await expect(page.getByRole('heading', { name: 'COD reconciliation', level: 1 })).toBeVisible()
  const row = page.locator(`[data-testid="reconciliation-row"][data-order="${order.number}"]`)
  await expect(row).toBeVisible({ timeout: 30_000 })
  await expect(row).toContainText(consignment!.tracking_code)
  await expect(row).toContainText('Delivered')
  await saveScreenshot(page, testInfo, 'courier-reconciliation')
})
