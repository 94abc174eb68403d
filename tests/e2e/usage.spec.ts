import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test'

import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from '../../src/seed/demo-data'
import { DEMO_PLAN_OF, DEMO_PLANS, demoRecords } from '../../src/seed/demo-extras'
import { TENANT_ROLES } from '../../src/tenancy/roles'
import { logIn, openNav, saveScreenshot } from './helpers'

/**
 * The admin's Usage view (plugins/quotas/admin): a tenant's staff see each plan limit as a bar
 * coloured by how close it is, hitting a limit in the admin says why, and the super-admin sees
 * which tenants are near their limits. Expectations come from the demo data seeded by
 * `start --seed`: the staff of each role, the tenant's products, and one Facebook page, one
 * WhatsApp number and one courier account per tenant (demoRecords).
 */

type Limit = 'couriers' | 'leadsPerMonth' | 'numbers' | 'ordersPerMonth' | 'pages' | 'products' | 'users'
type Expected = { limit: Limit; label: string; used: number; max: number }
type Demo = (typeof DEMO_TENANTS)[number]

// A demo tenant on the smallest plan, whose seeded page, number and courier fill its limits.
const shopIndex = DEMO_TENANTS.findIndex((t) => t.status === 'active' && DEMO_PLAN_OF[t.slug] === 'starter')
const shop = DEMO_TENANTS[shopIndex]
const planOf = (tenant: Demo) => DEMO_PLANS.find((p) => p.slug === DEMO_PLAN_OF[tenant.slug])!
const plan = planOf(shop)

const count = (value: object | readonly object[]) => [value].flat().length

/** What the Usage view must show for a demo tenant's count limits (not its monthly ones). */
function countLimits(tenant: Demo): Expected[] {
  const { limits } = planOf(tenant)
  const records = demoRecords(DEMO_TENANTS.indexOf(tenant) + 1, tenant.name)
  return [
    { limit: 'users', label: 'Staff members', used: TENANT_ROLES.length, max: limits.users },
    { limit: 'pages', label: 'Facebook pages', used: count(records.page), max: limits.pages },
    { limit: 'numbers', label: 'WhatsApp numbers', used: count(records.number), max: limits.numbers },
    { limit: 'couriers', label: 'Courier accounts', used: count(records.courier), max: limits.couriers },
    { limit: 'products', label: 'Products', used: tenant.products.length, max: limits.products },
  ]
}

/**
 * Orders and leads created this month, counted over REST as `request`'s user: a fresh demo tenant's
 * live ones (its 90 days of imported history, `H-` orders and "Past lead"s, are outside the ledger).
 */
async function monthlyLimits(request: APIRequestContext, tenant: Demo, tenantId?: string): Promise<Expected[]> {
  const { limits } = planOf(tenant)
  const live: Record<string, string> = { orders: '&where[number][not_like]=H-%25', leads: '&where[name][not_like]=Past%20lead%25' }
  const total = async (collection: string) => {
    const where = (tenantId ? `&where[tenant][equals]=${tenantId}` : '') + (live[collection] ?? '')
    const response = await request.get(`/api/${collection}?limit=1&depth=0${where}`)
    expect(response.status(), `GET /api/${collection}`).toBe(200)
    return ((await response.json()) as { totalDocs: number }).totalDocs
  }
  return [
    { limit: 'ordersPerMonth', label: 'Orders this month', used: await total('orders'), max: limits.ordersPerMonth },
    { limit: 'leadsPerMonth', label: 'Leads this month', used: await total('leads'), max: limits.leadsPerMonth },
  ]
}

const percentOf = ({ used, max }: Expected) => Math.round((used / max) * 100)
/** The view's rule: amber from 80 %, red at 100 % (nothing more fits). */
const levelOf = (e: Expected) => (percentOf(e) >= 100 ? 'over' : percentOf(e) >= 80 ? 'warning' : 'ok')
const number = (n: number) => new Intl.NumberFormat('en').format(n)
const usedText = (e: Expected) => `${number(e.used)} / ${number(e.max)}`

/** A CSS colour as the browser computes it (to compare a bar with Payload's theme variables). */
const computedColour = (page: Page, css: string) =>
  page.evaluate((colour) => {
    const probe = document.createElement('div')
    probe.style.color = colour
    document.body.appendChild(probe)
    const value = getComputedStyle(probe).color
    probe.remove()
    return value
  }, css)

async function expectBar(page: Page, e: Expected) {
  const bar = page.getByRole('progressbar', { name: e.label, exact: true })
  await expect(bar).toHaveAttribute('aria-valuemin', '0')
  await expect(bar).toHaveAttribute('aria-valuemax', String(e.max))
  await expect(bar).toHaveAttribute('aria-valuenow', String(Math.min(e.used, e.max)))
  const item = page.locator(`li.usage-bar[data-limit="${e.limit}"]`)
  await expect(item).toContainText(usedText(e))
  await expect(item).toContainText(`${percentOf(e)} %`)
  await expect(item, `${e.label}: ${usedText(e)}`).toHaveAttribute('data-level', levelOf(e))
  return item
}

async function expectColour(page: Page, item: Locator, variable: string) {
  const fill = item.locator('.usage-bar__fill')
  const colour = await fill.evaluate((el) => getComputedStyle(el).backgroundColor)
  expect(colour).toBe(await computedColour(page, `var(${variable})`))
}

test('a signed-out visitor is sent to the login page', async ({ page }) => {
  await page.goto('/admin/usage')
  await expect(page).toHaveURL(/\/admin\/login\?redirect=/)
})

test('a tenant admin opens Usage from the nav and sees each limit of its plan, the full ones in red', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', shop.slug), demoPasswords().staff)
  await openNav(page)
  await page.getByRole('link', { name: 'Usage', exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/usage$/)
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible()
  await expect(page.getByTestId('usage-tenant')).toHaveText(shop.name)
  await expect(page.getByTestId('usage-plan')).toHaveText(plan.name)

  const expected = [...countLimits(shop), ...(await monthlyLimits(page.request, shop))]
  const items = new Map<Expected, Locator>()
  for (const e of expected) items.set(e, await expectBar(page, e))

  // The demo tenant is at (or near) some of its limits: that state shows in amber or red.
  const full = expected.filter((e) => levelOf(e) !== 'ok')
  expect(full.map((e) => e.limit)).toContain('numbers')
  for (const e of full) {
    await expectColour(page, items.get(e)!, levelOf(e) === 'over' ? '--theme-error-500' : '--theme-warning-500')
  }
  const fine = expected.find((e) => levelOf(e) === 'ok')!
  await expectColour(page, items.get(fine)!, '--theme-success-500')

  // The 12-month trend (seeded ledger history) and the daily snapshots are drawn.
  await expect(page.locator('[data-chart="monthly-trend"] svg.recharts-surface').first()).toBeVisible()
  await expect(page.locator('[data-chart="monthly-trend"] .recharts-legend-wrapper')).toContainText('Orders')
  await expect(page.locator('[data-chart="daily-history"] svg.recharts-surface').first()).toBeVisible()
  await saveScreenshot(page, testInfo, 'usage-tenant-admin')
})

test('a tenant admin at its WhatsApp number limit is told so when adding another', async ({ page }, testInfo) => {
  const numbers = countLimits(shop).find((e) => e.limit === 'numbers')!
  expect(numbers.used).toBeGreaterThanOrEqual(numbers.max)
  await logIn(page, staffEmail('tenant-admin', shop.slug), demoPasswords().staff)
  await openNav(page)
  await page.locator('#nav-numbers').click()
  await expect(page).toHaveURL(/\/admin\/collections\/numbers(\?.*)?$/)
  await page.getByRole('link', { name: 'Create New' }).first().click()
  await expect(page).toHaveURL(/\/admin\/collections\/numbers\/create/)

  await page.locator('#field-phoneNumberId').fill('29900000000042')
  await page.locator('#field-displayPhoneNumber').fill('+8801799000042')
  await page.locator('#field-wabaId').fill('39900000042')
  await page.locator('#field-accessToken').fill('e2e-token-not-real')
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/numbers'),
    page.getByRole('button', { name: 'Save', exact: true }).click(),
  ])
  expect(response.status()).toBe(403)
  const body = (await response.json()) as { error?: string; limit?: string; message?: string }
  expect(body).toMatchObject({ error: 'quota_exceeded', limit: 'numbers' })
  expect(body.message).toContain('Quota exceeded')

  // The admin shows the API's message as a toast, and nothing was created.
  await expect(page.getByText(body.message!, { exact: true })).toBeVisible()
  await saveScreenshot(page, testInfo, 'usage-quota-toast')
  const list = await page.request.get('/api/numbers?limit=10&depth=0')
  expect(((await list.json()) as { totalDocs: number }).totalDocs).toBe(numbers.used)
})

test('the super-admin sees the tenants near their limits and can open one tenant’s usage', async ({ page }, testInfo) => {
  await logIn(page, SUPER_ADMIN_EMAIL, demoPasswords().superAdmin)
  const tenantIds = new Map<string, string>()
  for (const tenant of DEMO_TENANTS) {
    const response = await page.request.get(`/api/tenants?where[slug][equals]=${tenant.slug}&depth=0&limit=1`)
    tenantIds.set(tenant.slug, ((await response.json()) as { docs: { id: string }[] }).docs[0].id)
  }
  await page.goto('/admin/usage')
  await expect(page.getByRole('heading', { name: 'Tenants near or over their limits' })).toBeVisible()
  const table = page.getByRole('table')
  await expect(table).toBeVisible()

  for (const tenant of DEMO_TENANTS.filter((t) => t.status === 'active')) {
    const expected = [...countLimits(tenant), ...(await monthlyLimits(page.request, tenant, tenantIds.get(tenant.slug)))]
    const watched = expected.filter((e) => percentOf(e) >= 80)
    const row = table.locator(`tbody tr[data-tenant="${tenant.slug}"]`)
    if (watched.length === 0) {
      await expect(row, `${tenant.slug} is below 80 % of every limit`).toHaveCount(0)
      continue
    }
    await expect(row.getByRole('link', { name: tenant.name, exact: true })).toHaveAttribute('href', `/admin/collections/tenants/${tenantIds.get(tenant.slug)}`)
    await expect(row).toContainText(planOf(tenant).name)
    for (const e of watched) {
      const limit = row.locator(`li[data-limit="${e.limit}"]`)
      await expect(limit).toContainText(e.label)
      await expect(limit).toContainText(`${usedText(e)} ${percentOf(e)} %`)
      await expect(limit).toHaveAttribute('data-level', levelOf(e))
    }
  }
  await expect(table.locator(`tbody tr[data-tenant="${shop.slug}"]`)).toHaveCount(1)
  await saveScreenshot(page, testInfo, 'usage-super-admin')

  // One tenant's dashboard, as its staff see it.
  await table.locator(`tbody tr[data-tenant="${shop.slug}"]`).getByRole('link', { name: 'View usage' }).click()
  await expect(page).toHaveURL(new RegExp(`/admin/usage\\?tenant=${tenantIds.get(shop.slug)}$`))
  await expect(page.getByTestId('usage-tenant')).toHaveText(shop.name)
  await expectBar(
    page,
    countLimits(shop).find((e) => e.limit === 'numbers')!,
  )
})
