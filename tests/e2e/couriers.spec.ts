import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test'

import type { Customer, Order, Shipment } from '../../payload-types'
import { DEMO_TENANTS, demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { demoRecords } from '../../src/seed/demo-extras'
import { startFakeSteadfast, type FakeSteadfast } from '../fakes/couriers'
import { logIn, openNav, saveScreenshot } from './helpers'

/**
 * Couriers in the admin (plugins/couriers/admin), as a shop's tenant-admin uses them: open the
 * shop's confirmed demo order, see who it goes to, the cash to collect and the price from the
 * shop's rate card, book it with the shop's Steadfast account (the app's booking job calls the
 * local fake Steadfast below), and see the shipment booked with Steadfast's consignment id. The
 * courier then reports the parcel delivered, with the cash it collected, to the webhook address
 * and secret the account's page shows; the order shows the shipment and itself delivered. The COD
 * reconciliation lists the shop's parcels, the seeded short-paid one flagged and first, with totals.
 *
 * The shop's own demo Steadfast account is used, with its seeded credentials (the fake accepts
 * only those): a second account would change the courier count tests/e2e/usage.spec.ts expects.
 * The browser runs in Dhaka time, like the shop (the reconciliation's default period is the
 * browser's last 30 days, read by the server in the shop's time zone).
 */

test.describe.configure({ mode: 'serial' })
test.use({ timezoneId: 'Asia/Dhaka' })

const index = DEMO_TENANTS.findIndex((tenant) => tenant.slug === 'acme-gadgets')
const acme = DEMO_TENANTS[index]
const { courier } = demoRecords(index + 1, acme.name)
const credentials = JSON.parse(courier.credentials) as { apiKey: string; secretKey: string }
const taka = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'BDT', currencyDisplay: 'narrowSymbol' }).format(minor / 100)

/** What the earlier steps found or made, for the later ones (the tests run in order, in one worker). */
const state: { order?: Order; customer?: Customer; fee?: number; consignmentId?: string; trackingCode?: string } = {}
let steadfast: FakeSteadfast

test.beforeAll(async () => {
  // The app was started with STEADFAST_URL on this port (playwright.config.ts).
  steadfast = await startFakeSteadfast({ accounts: [credentials], port: Number(process.env.EMERKATER_E2E_STEADFAST_PORT) })
})
test.afterAll(async () => {
  await steadfast?.close()
})

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url)
  expect(response.ok(), `GET ${url}: ${response.status()} ${await response.text()}`).toBe(true)
  return (await response.json()) as T
}

/** The shop's Steadfast demo account, as its tenant-admin reads it. */
async function demoAccount(request: APIRequestContext) {
  const { docs } = await json<{ docs: { id: string; label: string }[] }>(request, `/api/couriers?depth=0&where[label][equals]=${encodeURIComponent(courier.label)}`)
  expect(docs).toHaveLength(1)
  return docs[0]
}

/** One row (dt / dd) of a definition list, by its exact term. */
const fact = (list: Locator, term: string) =>
  list
    .locator('div')
    .filter({ has: list.page().locator('dt').getByText(term, { exact: true }) })
    .locator('dd')

/** The order's status as its edit form shows it (a select of the raw values). */
const orderStatus = (page: Page) => page.locator('#field-status .rs__single-value')

test('a tenant-admin books the shop’s confirmed order with Steadfast and sees it booked', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  // The demo data's one confirmed order of the shop (the seeded shipments' orders are further on).
  const confirmed = await json<{ docs: Order[] }>(page.request, '/api/orders?depth=0&limit=10&where[status][equals]=confirmed')
  expect(confirmed.docs, 'the shop has one confirmed order').toHaveLength(1)
  const order = confirmed.docs[0]
  const customer = await json<Customer>(page.request, `/api/customers/${order.customer as string}?depth=0`)
  const address = customer.addresses![0]
  // The shop's rate card prices Dhaka inside the city and everywhere else outside it.
  const zone = (address.district ?? address.city) === 'Dhaka' ? 'inside-city' : 'outside-city'
  const fee = courier.rateCard.find((row) => row.zone === zone)!.charge
  Object.assign(state, { order, customer, fee })

  await page.goto(`/admin/collections/orders/${order.id}`)
  const panel = page.getByTestId('courier-panel')
  const form = panel.getByTestId('courier-book')
  await expect(form).toBeVisible()
  await expect(form.getByLabel('Book with')).toHaveValue((await demoAccount(page.request)).id)
  await expect(form.getByTestId('courier-recipient')).toContainText(`${customer.name} · ${customer.phone}`)
  await expect(form.getByTestId('courier-recipient')).toContainText(address.line1)
  // Cash on delivery: the courier collects the order's total.
  await expect(form.getByLabel('Cash to collect')).toHaveValue((order.total! / 100).toFixed(2))
  await expect(form).toContainText(`Order total ${taka(order.total!)}`)
  const quote = form.getByTestId('courier-quote')
  await expect(quote).toHaveText(`Delivery ${taka(fee)} = ${taka(fee)} (from your rate card)`)
  await expect(quote).toHaveAttribute('data-source', 'rate-card')
  await saveScreenshot(page, testInfo, 'courier-book-form')

  await form.getByRole('button', { name: `Book with ${courier.label}` }).click()
  const status = panel.getByTestId('shipment-status')
  await expect(status).toHaveText('Booked', { timeout: 45_000 })

  // Steadfast got the parcel: the order's number as invoice, its total as cash to collect, the customer as recipient.
  const consignment = steadfast.consignment(order.number!)
  expect(consignment, 'Steadfast received the order').toBeTruthy()
  expect(consignment).toMatchObject({ invoice: order.number, cod_amount: order.total! / 100, recipient_name: customer.name, recipient_phone: customer.phone.replace(/^\+88/, '') })
  state.consignmentId = String(consignment!.consignment_id)
  state.trackingCode = consignment!.tracking_code
  const card = panel.getByRole('region', { name: 'Shipment' })
  await expect(fact(card, 'Consignment')).toHaveText(state.consignmentId)
  await expect(panel.getByTestId('shipment-tracking')).toHaveText(consignment!.tracking_code)
  await expect(panel.getByTestId('shipment-cod-expected')).toHaveText(taka(order.total!))
  // Booking moved the order on, and the open form shows it (saving it would not put it back).
  await expect(orderStatus(page)).toHaveText('packed')
  await saveScreenshot(page, testInfo, 'courier-booked')
})

test('Steadfast reports the parcel delivered by its webhook, and the order shows it delivered', async ({ page }, testInfo) => {
  const { order, consignmentId } = state
  expect(consignmentId, 'booked by the previous test').toBeTruthy()
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)

  // The webhook address and secret to give Steadfast, as the account's page shows them.
  const account = await demoAccount(page.request)
  await page.goto(`/admin/collections/couriers/${account.id}`)
  await page.getByRole('button', { name: 'Show webhook address and secret' }).click()
  const url = new URL((await page.getByTestId('webhook-url').textContent())!)
  const secret = (await page.getByTestId('webhook-secret').textContent())!
  expect(url.pathname).toMatch(/^\/api\/couriers\/webhooks\/steadfast\/[0-9a-f-]{36}$/)
  expect(secret.length).toBeGreaterThanOrEqual(16)
  // The app under test is reached at Playwright's base URL, whatever public address it gives.
  const hook = new URL(url.pathname, new URL(page.url()).origin).toString()

  // A wrong secret is refused.
  steadfast.setWebhook(hook, `${secret}-wrong`)
  expect((await steadfast.track(consignmentId!, 'Parcel at the Chattogram hub')).status).toBe(401)
  steadfast.setWebhook(hook, secret)

  // Delivered, the whole cash collected.
  const delivery = await steadfast.deliver(consignmentId!, order!.total! / 100)
  expect(delivery.ok, JSON.stringify(delivery.attempts)).toBe(true)
  expect(JSON.parse(delivery.attempts.at(-1)!.body)).toMatchObject({ status: 'success', stored: 1 })

  // A job applies the event; the order's page shows it once reloaded.
  await page.goto(`/admin/collections/orders/${order!.id}`)
  const panel = page.getByTestId('courier-panel')
  const status = panel.getByTestId('shipment-status')
  await expect(async () => {
    await page.reload()
    await expect(status).toHaveText('Delivered', { timeout: 5_000 })
  }).toPass({ timeout: 45_000 })
  await expect(status).toHaveAttribute('title', 'The courier says: delivered')
  await expect(panel.getByTestId('shipment-cod-collected')).toHaveText(taka(order!.total!))
  await expect(fact(panel.getByRole('region', { name: 'Shipment' }), 'Delivery fee')).toHaveText(taka(steadfast.consignment(consignmentId!)!.delivery_charge * 100))
  // Delivered is final: nothing to refresh or cancel.
  await expect(panel.getByRole('button', { name: 'Refresh from courier' })).toHaveCount(0)
  await expect(panel.getByRole('button', { name: 'Cancel shipment' })).toHaveCount(0)
  await expect(orderStatus(page)).toHaveText('delivered')
  await saveScreenshot(page, testInfo, 'courier-delivered')
})

test('the COD reconciliation shows the short-paid parcel first and flagged, and the totals', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  // What the reconciliation must add up: the shop's booked shipments (all from the last days).
  const { docs: shipments } = await json<{ docs: Shipment[] }>(page.request, '/api/shipments?depth=0&limit=100&where[bookingState][equals]=booked')
  const short = shipments.filter((s) => s.codCollected !== null && s.codCollected !== undefined && s.codCollected < s.codExpected!)
  expect(short, 'the demo data has one short-paid parcel').toHaveLength(1)
  const sum = (pick: (s: Shipment) => null | number | undefined) => shipments.reduce((total, s) => total + (pick(s) ?? 0), 0)

  await openNav(page)
  await page.getByRole('link', { name: 'COD reconciliation' }).click()
  await expect(page).toHaveURL(/\/admin\/couriers\/reconciliation$/)
  await expect(page.getByRole('heading', { name: 'COD reconciliation', level: 1 })).toBeVisible()

  const rows = page.getByTestId('reconciliation-row')
  await expect(rows).toHaveCount(shipments.length)
  // Flagged first: the short-paid parcel, with what was expected and what came in.
  const first = rows.first()
  await expect(first).toHaveAttribute('data-order', short[0].invoice)
  await expect(first).toHaveClass(/courier-table__row--flagged/)
  await expect(first.locator('[data-flag="short_paid"]')).toHaveText('Short paid')
  await expect(first).toContainText(taka(short[0].codExpected!))
  await expect(first).toContainText(taka(short[0].codCollected!))
  await expect(first).toContainText('Partly delivered')
  // No other parcel is flagged: the one delivered today is in the list, not flagged yet.
  await expect(page.locator('.courier-table__row--flagged')).toHaveCount(1)
  const ours = rows.and(page.locator(`[data-order="${state.order?.number}"]`))
  await expect(ours).toHaveCount(1)
  await expect(ours).toContainText(state.trackingCode ?? 'booked by the first test')
  await expect(ours).toContainText('Delivered')
  await expect(ours.locator('[data-flag]')).toHaveCount(0)

  const totals = page.getByTestId('reconciliation-totals')
  await expect(fact(totals, 'Parcels')).toHaveText(String(shipments.length))
  await expect(fact(totals, 'Cash expected')).toHaveText(taka(sum((s) => (s.paymentMethod === 'cod' ? s.codExpected : 0))))
  await expect(fact(totals, 'Collected')).toHaveText(taka(sum((s) => s.codCollected)))
  await expect(fact(totals, 'Paid out')).toHaveText(taka(sum((s) => s.settledAmount)))
  await expect(fact(totals, 'Flagged')).toHaveText('1')
  await saveScreenshot(page, testInfo, 'courier-reconciliation')

  // "Flagged only" leaves the short-paid parcel.
  await page.getByLabel('Show').selectOption({ label: 'Flagged only' })
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toHaveAttribute('data-order', short[0].invoice)
  await expect(fact(totals, 'Parcels')).toHaveText('1')
})
