import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import type { Plan } from '../../payload-types'
import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from '../../src/seed/demo-data'
import { DEMO_PLAN_OF, DEMO_PLANS } from '../../src/seed/demo-extras'
import { startFakeStripe, type FakeStripe } from '../fakes/stripe'
import { logIn, openNav, saveScreenshot } from './helpers'

/**
 * Billing in the admin (plugins/billing/admin) against the stateful fake Stripe (tests/fakes/stripe),
 * which the app was pointed at by playwright.config.ts (STRIPE_API_URL on EMERKATER_E2E_STRIPE_PORT,
 * the fake's key, the webhook secret, SERVER_URL for Checkout's return). The super-admin syncs the
 * plans' prices to Stripe from the plans list; an active demo shop's tenant-admin subscribes through
 * Stripe Checkout (the fake's page) and comes back to an active subscription with a paid invoice;
 * the fake then fails the renewal, the shop's staff see the past-due banner with the grace period's
 * end, and paying the invoice makes it go away.
 *
 * The shop subscribes to the plan it is already on (Starter), so the demo data the later specs
 * read (tests/e2e/usage.spec.ts: the shop's plan and limits) stays as it was; the renewal is paid
 * in the end, so the shop is active and not past due afterwards.
 */

test.describe.configure({ mode: 'serial' })
// Dates in the admin are the browser's; the expectations below are made in the same zone.
const TIME_ZONE = 'Asia/Dhaka'
test.use({ timezoneId: TIME_ZONE })

const shop = DEMO_TENANTS.find((t) => t.status === 'active' && DEMO_PLAN_OF[t.slug] === 'starter')!
const plan = DEMO_PLANS.find((p) => p.slug === DEMO_PLAN_OF[shop.slug])!
const taka = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'BDT', currencyDisplay: 'narrowSymbol' }).format(minor / 100)
const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE })
const count = (n: number) => n.toLocaleString('en')

let stripe: FakeStripe

test.beforeAll(async () => {
  // The app was started with STRIPE_API_URL on this port, and checks the webhooks with this secret (playwright.config.ts).
  stripe = await startFakeStripe({ port: Number(process.env.EMERKATER_E2E_STRIPE_PORT) })
  stripe.setWebhook(`${test.info().project.use.baseURL}/api/billing/stripe/webhook`, process.env.EMERKATER_E2E_STRIPE_WEBHOOK_SECRET!)
})
test.afterAll(async () => {
  await stripe?.close()
})

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url)
  expect(response.ok(), `GET ${url}: ${response.status()} ${await response.text()}`).toBe(true)
  return (await response.json()) as T
}

/** The shop's one Stripe subscription, as the fake holds it. */
function stripeSubscription() {
  const subs = [...stripe.state.subscriptions.values()]
  expect(subs, 'one subscription in Stripe').toHaveLength(1)
  return subs[0]
}

/** Reload until `check` passes: the app applies Stripe's webhooks in a job, shortly after they arrive. */
async function untilReloaded(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload()
    await check()
  }).toPass({ timeout: 45_000 })
}

test('the super-admin syncs the plans’ prices with Stripe from the plans list', async ({ page }, testInfo) => {
  await logIn(page, SUPER_ADMIN_EMAIL, demoPasswords().superAdmin)
  const { docs: plans } = await json<{ docs: Plan[] }>(page.request, '/api/plans?depth=0&limit=100&where[active][equals]=true')
  expect(plans.map((p) => p.slug)).toEqual(expect.arrayContaining(DEMO_PLANS.map((p) => p.slug)))
  const overage = plans.flatMap((p) => p.overage ?? [])
  expect(stripe.state.prices.size, 'nothing in Stripe yet').toBe(0)

  await page.goto('/admin/collections/plans')
  const button = page.getByTestId('billing-sync-prices')
  await expect(button).toHaveText('Sync prices with Stripe')
  await button.click()
  // Every plan is new to Stripe: a product each, a monthly and a yearly price each (and one per overage row).
  const created = plans.length * 2 + overage.length
  const meters = new Set(overage.map((o) => o.metric)).size
  await expect(page.getByTestId('billing-sync-result')).toHaveText(`Synced with Stripe: ${plans.length} products, ${created} prices created, 0 archived, ${meters} meters.`)
  await saveScreenshot(page, testInfo, 'billing-sync-prices')

  // The fake now has those prices, at the plans' amounts, and the plans know them.
  expect(stripe.state.products.size).toBe(plans.length)
  expect(stripe.state.prices.size).toBe(created)
  const { docs: synced } = await json<{ docs: Plan[] }>(page.request, '/api/plans?depth=0&limit=100&where[active][equals]=true')
  for (const p of synced) {
    expect(stripe.state.prices.get(p.stripe!.monthlyPriceId!), `${p.slug} monthly`).toMatchObject({
      active: true,
      unit_amount: p.priceMonthly,
      currency: p.currency.toLowerCase(),
      recurring: expect.objectContaining({ interval: 'month' }),
    })
    expect(stripe.state.prices.get(p.stripe!.yearlyPriceId!), `${p.slug} yearly`).toMatchObject({ active: true, unit_amount: p.priceYearly, recurring: expect.objectContaining({ interval: 'year' }) })
  }
})

test('a tenant-admin subscribes through Stripe Checkout and comes back to an active plan with a paid invoice', async ({ page }, testInfo) => {
  expect(stripe.state.prices.size, 'prices synced by the previous test').toBeGreaterThan(0)
  await logIn(page, staffEmail('tenant-admin', shop.slug), demoPasswords().staff)
  await openNav(page)
  await page.getByRole('link', { name: 'Billing', exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/billing$/)
  await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible()
  await expect(page.getByTestId('billing-view')).toHaveAttribute('data-mode', 'tenant')

  // The shop's plan, no subscription yet, nothing paid.
  await expect(page.locator('#billing-plan-title')).toHaveText(plan.name)
  const status = page.getByTestId('billing-status')
  await expect(status).toHaveAttribute('data-status', 'none')
  await expect(status).toHaveText('No subscription')
  await expect(page.getByTestId('billing-payment-method')).toHaveAttribute('data-state', 'none')
  await expect(page.getByTestId('billing-invoices')).toHaveText('No invoices yet.')

  // Usage this period against what the plan includes.
  const summary = await json<{ usage: { metric: keyof typeof plan.limits; used: number; included: null | number }[] }>(page.request, '/api/billing/summary')
  expect(summary.usage.map((u) => u.metric).sort()).toEqual(['aiRequestsPerMonth', 'monthlyMessages', 'shipmentsPerMonth'])
  const usage = page.getByTestId('billing-usage')
  for (const line of summary.usage) {
    const included = plan.limits[line.metric]
    expect(line.included, line.metric).toBe(included)
    const item = usage.locator(`li[data-metric="${line.metric}"]`)
    await expect(item).toContainText(line.used > included ? `${count(line.used)} used · ${count(included)} included` : `${count(line.used)} of ${count(included)} included`)
    await expect(item.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(line.used))
  }
  await saveScreenshot(page, testInfo, 'billing-before')

  // The plans on sale; the shop's own is marked. Yearly: the price per year and what it saves.
  const card = page.getByTestId(`billing-plan-${plan.slug}`)
  await expect(card).toHaveAttribute('data-current', 'true')
  await expect(card).toContainText('Current plan')
  for (const other of DEMO_PLANS) await expect(page.getByTestId(`billing-plan-${other.slug}`)).toBeVisible()
  await expect(card).toContainText(`${taka(plan.priceMonthly)} / month`)
  await page.getByTestId('billing-interval-year').click()
  await expect(page.getByTestId('billing-interval-year')).toHaveAttribute('aria-pressed', 'true')
  await expect(card).toContainText(`${taka(plan.priceYearly)} / year`)
  await expect(card).toContainText(`Save ${taka(plan.priceMonthly * 12 - plan.priceYearly)} a year`)

  // Subscribe → the fake's Checkout page, for the yearly price.
  await card.getByTestId('billing-subscribe').click()
  await expect(page).toHaveURL(new RegExp(`^${stripe.url}/checkout/cs_test_\\w+$`))
  await expect(page.getByRole('heading', { name: 'Fake Stripe Checkout' })).toBeVisible()
  await expect(page.getByText(`Total due today: BDT ${(plan.priceYearly / 100).toFixed(2)}`)).toBeVisible()
  await saveScreenshot(page, testInfo, 'billing-checkout')
  await page.getByRole('button', { name: 'Pay', exact: true }).click()

  // Back in the admin: the notice, then the subscription active on the plan.
  await expect(page).toHaveURL(/\/admin\/billing\?checkout=success&session=cs_test_\w+$/)
  const notice = page.getByTestId('billing-notice')
  await expect(notice).toHaveAttribute('data-checkout', 'success')
  await expect(notice).toHaveAttribute('data-settled', 'settled', { timeout: 45_000 })
  await expect(notice).toHaveText('Payment received — your plan is active.')
  await expect(status).toHaveAttribute('data-status', 'active')
  await expect(status).toHaveText('Active')
  await expect(page.locator('#billing-plan-title')).toHaveText(plan.name)
  await expect(page.locator('.billing__facts')).toContainText('Yearly')
  await expect(page.getByTestId('billing-payment-method')).toContainText('Card on file')

  const sub = stripeSubscription()
  expect(sub).toMatchObject({ status: 'active', metadata: expect.objectContaining({ interval: 'year' }) })
  const [paid] = [...stripe.state.invoices.values()]
  expect(paid).toMatchObject({ status: 'paid', amount_paid: plan.priceYearly })
  const invoices = page.getByTestId('billing-invoices').locator('tbody tr')
  await expect(invoices).toHaveCount(1)
  await expect(invoices.first()).toContainText(taka(plan.priceYearly))
  await expect(invoices.first().locator('[data-status="paid"]')).toHaveText('Paid')
  if (paid.number) await expect(invoices.first()).toContainText(paid.number)
  await expect(page.getByTestId('billing-next-invoice')).toContainText(taka(plan.priceYearly))
  await expect(page.getByTestId(`billing-plan-${plan.slug}`)).toContainText('You are on this plan.')
  await saveScreenshot(page, testInfo, 'billing-active')
})

test('a failed renewal shows the shop’s staff the past-due banner until the invoice is paid', async ({ browser, page }, testInfo) => {
  const sub = stripeSubscription()
  const { invoice } = await stripe.advance(sub.id, { fail: true })
  expect(invoice).toMatchObject({ status: 'open', amount_due: plan.priceYearly })

  // Any staff member of the shop, not only its tenant-admins.
  await logIn(page, staffEmail('sales-operator', shop.slug), demoPasswords().staff)
  const banner = page.getByTestId('billing-banner')
  await untilReloaded(page, () => expect(banner).toBeVisible({ timeout: 5_000 }))
  const { status, graceEndsAt } = await json<{ status: string; graceEndsAt: null | string }>(page.request, '/api/billing/status')
  expect(status).toBe('past_due')
  // The grace period: seven days from the failure (just now).
  expect(Math.abs(Date.parse(graceEndsAt!) - (Date.now() + 7 * 86_400_000))).toBeLessThan(5 * 60_000)
  await expect(banner).toContainText(`Payment failed: the shop will be suspended on ${day(graceEndsAt!)} unless the invoice is paid.`)
  // A sales operator cannot open Billing (only tenant-admins may): the banner says who can pay instead of linking there.
  await expect(banner).toContainText('The shop’s tenant-admins can pay it under Billing.')
  await expect(banner.getByRole('link')).toHaveCount(0)
  await saveScreenshot(page, testInfo, 'billing-past-due-banner')

  // The tenant-admin, in a browser of their own, follows the banner to Billing: past due, the grace end, the invoice to pay.
  const own = await browser.newContext({ baseURL: testInfo.project.use.baseURL, timezoneId: TIME_ZONE, viewport: testInfo.project.use.viewport })
  const admin = await own.newPage()
  await logIn(admin, staffEmail('tenant-admin', shop.slug), demoPasswords().staff)
  await admin.getByTestId('billing-banner').getByRole('link', { name: 'Go to Billing' }).click()
  await expect(admin).toHaveURL(/\/admin\/billing$/)
  await expect(admin.getByTestId('billing-status')).toHaveAttribute('data-status', 'past_due')
  await expect(admin.getByTestId('billing-status')).toHaveText('Past due')
  await expect(admin.getByText(`The last payment failed. Pay the open invoice before ${day(graceEndsAt!)}, or the shop will be suspended.`)).toBeVisible()
  await expect(admin.getByTestId('billing-payment-method')).toHaveAttribute('data-state', 'failing')
  const open = stripe.state.invoices.get(invoice!.id)!
  await expect(admin.getByTestId('billing-pay-invoice')).toHaveAttribute('href', open.hosted_invoice_url!)
  await expect(admin.getByTestId('billing-invoices').locator(`tbody tr [data-status="open"]`)).toHaveText('Open')
  await saveScreenshot(admin, testInfo, 'billing-past-due')
  await own.close()

  // The card is fixed and the invoice paid: after a reload the banner is gone.
  await stripe.payInvoice(invoice!.id)
  await untilReloaded(page, async () => {
    await expect(page.getByRole('button', { name: /^(Open|Close) Menu$/ }).first()).toBeVisible()
    await expect(banner).toHaveCount(0, { timeout: 5_000 })
  })
  expect((await json<{ status: string }>(page.request, '/api/billing/status')).status).toBe('active')
})
