import { expect, test } from '@playwright/test'

import { demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { logIn, saveScreenshot } from './helpers'

/**
 * A shop's custom fields in its admin (plugins/branding, "Custom fields"): the edit view draws the
 * shop's own definitions as inputs bound to `customFields`, a change is saved and read back, and
 * another shop's definitions never appear. Runs against the demo data seeded by `start --seed`.
 */

test('a shop’s own custom field is an input of its edit view, saved with the document', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', 'acme-gadgets'), demoPasswords().staff)
  await page.goto('/admin/collections/products?where[sku][equals]=ACME-PB20K')
  await page.getByRole('link', { name: 'Acme Power Bank 20000mAh' }).first().click()
  const warranty = page.getByLabel('Warranty (months)')
  await expect(warranty).toHaveValue('6')
  await warranty.fill('18')
  await page.getByRole('button', { name: 'Save' }).first().click()
  await expect(page.locator('.payload-toast-container')).toContainText(/success/i)
  await page.reload()
  await expect(page.getByLabel('Warranty (months)')).toHaveValue('18')
  await saveScreenshot(page, testInfo, 'custom-fields-acme-product')
  // Dhaka Threads' customer field is not Acme's.
  await page.goto('/admin/collections/customers/create')
  await expect(page.locator('.custom-fields')).toHaveCount(0)
  await expect(page.getByLabel('Preferred delivery time')).toHaveCount(0)
})

test('a select custom field offers the shop’s options', async ({ page }) => {
  await logIn(page, staffEmail('tenant-admin', 'dhaka-threads'), demoPasswords().staff)
  await page.goto('/admin/collections/customers/create')
  const select = page.getByLabel('Preferred delivery time')
  await expect(select).toBeVisible()
  await expect(select.locator('option')).toHaveText(['—', 'Morning (9–12)', 'Afternoon (12–5)', 'Evening (5–9)'])
  await page.goto('/admin/collections/products/create')
  await expect(page.getByLabel('Warranty (months)')).toHaveCount(0)
})
