import { expect, test, type Page } from '@playwright/test'

import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from '../../src/seed/demo-data'
import { logIn, openNav, saveScreenshot } from './helpers'

/**
 * The admin UI honours tenancy: a tenant admin sees only their own catalogue, the platform
 * super-admin sees every tenant's. Runs against the demo data seeded by `start --seed`.
 */

const acme = DEMO_TENANTS.find((tenant) => tenant.slug === 'acme-gadgets')!
const otherTenants = DEMO_TENANTS.filter((tenant) => tenant.slug !== acme.slug)
const productNames = (tenants: ReadonlyArray<(typeof DEMO_TENANTS)[number]>) => tenants.flatMap((tenant) => tenant.products.map((product) => product.name))
const allProductNames = productNames(DEMO_TENANTS)

/** The Products list, with a page size above the demo total so every visible product is listed. */
async function openProducts(page: Page) {
  expect(allProductNames.length).toBeLessThan(100)
  await page.goto('/admin/collections/products?limit=100')
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible()
  const rows = page.locator('table tbody tr')
  await expect(rows.first()).toBeVisible()
  return rows
}

/** The product names in the list's "Name" column, sorted (the list's own order does not matter). */
async function listedNames(page: Page) {
  const names = await page.locator('table tbody tr td.cell-name').allInnerTexts()
  return names.map((name) => name.trim()).sort()
}

test('a tenant admin sees only their own tenant’s products', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  const rows = await openProducts(page)

  await expect(rows).toHaveCount(acme.products.length)
  for (const product of acme.products) {
    await expect(rows.filter({ hasText: product.name })).toHaveCount(1)
  }
  for (const name of productNames(otherTenants)) {
    await expect(page.getByText(name)).toHaveCount(0)
  }
  await expect.poll(() => listedNames(page)).toEqual(productNames([acme]).sort())

  // With a single tenant there is nothing to switch to: the plugin hides its tenant selector.
  await expect(page.locator('.tenant-selector')).toHaveCount(0)

  await saveScreenshot(page, testInfo, 'products-tenant-admin')

  // The edit view reads the product by id, through the database backstop (row-level security).
  const first = acme.products[0]
  await rows.filter({ hasText: first.name }).getByRole('link').first().click()
  await expect(page).toHaveURL(/\/admin\/collections\/products\/[0-9a-f-]{36}$/)
  await expect(page.locator('input[name="sku"]')).toHaveValue(first.sku)
  await saveScreenshot(page, testInfo, 'product-edit-tenant-admin')
})

test('the super-admin sees the products of every tenant, and can narrow them to one', async ({ page }, testInfo) => {
  await logIn(page, SUPER_ADMIN_EMAIL, demoPasswords().superAdmin)
  const rows = await openProducts(page)

  // Several tenants to choose from and none chosen yet: the plugin does not filter the list.
  await expect(rows).toHaveCount(allProductNames.length)
  await expect.poll(() => listedNames(page)).toEqual([...allProductNames].sort())
  // Whose rows are whose: a Tenant column with each row's tenant (Payload issue #13589).
  await expect(page.locator('table thead th').filter({ hasText: 'Tenant' })).toHaveCount(1)
  for (const tenant of DEMO_TENANTS) {
    await expect(rows.filter({ hasText: tenant.name })).toHaveCount(tenant.products.length)
  }

  await saveScreenshot(page, testInfo, 'products-super-admin')

  // The plugin's "Filter by Tenant" selector sits in the side nav (closed at first). Choosing a
  // tenant there narrows the list to that tenant's products.
  const dhaka = DEMO_TENANTS.find((tenant) => tenant.slug === 'dhaka-threads')!
  await openNav(page)
  const tenantSelector = page.locator('.tenant-selector')
  await expect(tenantSelector.getByText('Filter by Tenant')).toBeVisible()
  await tenantSelector.getByRole('combobox').click()
  await expect(page.getByRole('option')).toHaveCount(DEMO_TENANTS.length)
  await page.getByRole('option', { name: dhaka.name, exact: true }).click()
  await expect(rows).toHaveCount(dhaka.products.length)
  await expect.poll(() => listedNames(page)).toEqual(productNames([dhaka]).sort())
})
