import { expect, test, type APIRequestContext } from '@playwright/test'

import type { Order, Product } from '../../payload-types'
import { DEMO_TENANTS, demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { logIn, saveScreenshot } from './helpers'

/**
 * Money in the admin (src/fields/money): amounts are stored and sent by the API in minor units
 * (paisa), and the admin shows and takes them in taka. The acme shop's tenant-admin sees the demo
 * orders' totals (two products and the shipping, 445800 paisa, src/seed/seed-extras.ts) written
 * `৳4,458.00` in the orders list, then types `1,250.50` into a product's price: the API then
 * answers 125050. A mistyped amount is refused beside the field, in words, and not saved.
 */

test.describe.configure({ mode: 'serial' })

const acme = DEMO_TENANTS.find((tenant) => tenant.slug === 'acme-gadgets')!
// The shop's draft product: no demo order or other spec reads its price.
const sku = 'ACME-SPK-MINI'

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url)
  expect(response.ok(), `GET ${url}: ${response.status()} ${await response.text()}`).toBe(true)
  return (await response.json()) as T
}

test.beforeEach(async ({ page }) => {
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
})

test('the orders list writes totals in taka: 445800 paisa is ৳4,458.00', async ({ page }, testInfo) => {
  const { docs } = await json<{ docs: Order[] }>(page.request, '/api/orders?depth=0&limit=100&where[total][equals]=445800')
  expect(docs.length, 'the demo orders of two products and shipping').toBeGreaterThan(0)
  await page.goto('/admin/collections/orders?limit=100')
  for (const order of docs) {
    const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: order.number!, exact: true }) })
    await expect(row.locator('td.cell-total')).toHaveText('৳4,458.00')
  }
  // The API keeps minor units.
  expect(docs.every((order) => order.total === 445800)).toBe(true)
  await saveScreenshot(page, testInfo, 'money-orders-list')
})

test('a price typed as 1,250.50 is saved as 125050 paisa; a mistyped one is refused in words', async ({ page }, testInfo) => {
  const { docs } = await json<{ docs: Product[] }>(page.request, `/api/products?depth=0&where[sku][equals]=${sku}`)
  expect(docs).toHaveLength(1)
  const product = docs[0]
  await page.goto(`/admin/collections/products/${product.id}`)
  const price = page.locator('#field-price')
  // The stored paisa, shown in taka, with the field's description in the product's currency.
  await expect(price).toHaveValue(new Intl.NumberFormat('en-BD', { minimumFractionDigits: 2 }).format(product.price / 100))
  await expect(page.getByText('In taka, e.g. 4458.50').first()).toBeVisible()

  await price.fill('12.345')
  await expect(page.getByText('At most 2 decimals in taka, e.g. 4458.50.')).toBeVisible()
  await price.fill('-5')
  await expect(page.getByText('An amount can’t be negative.')).toBeVisible()

  await price.fill('1,250.50')
  await expect(page.getByText('An amount can’t be negative.')).toBeHidden()
  const [saved] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/products/${product.id}`)), page.getByRole('button', { name: 'Save' }).click()])
  expect(saved.status(), await saved.text()).toBe(200)
  await expect(price).toHaveValue('1,250.50')
  await saveScreenshot(page, testInfo, 'money-product-price')

  const after = await json<Product>(page.request, `/api/products/${product.id}?depth=0`)
  expect(after.price).toBe(125050)

  // A mistyped amount is not saved, not even the last good one typed on the way: the server refuses it in the field's words.
  await price.fill('99')
  await price.fill('99 taka and change')
  await expect(page.getByText('Not an amount: write it like 4,458.50.')).toBeVisible()
  const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/products/${product.id}`)), page.getByRole('button', { name: 'Save' }).click()])
  expect(refused.status()).toBe(400)
  expect(JSON.stringify(await refused.json())).toContain('Not an amount: write it like 4,458.50.')
  await expect(page.getByText('Not an amount: write it like 4,458.50.')).toBeVisible()
  await expect(price).toHaveValue('99 taka and change')
  expect((await json<Product>(page.request, `/api/products/${product.id}?depth=0`)).price).toBe(125050)
})
