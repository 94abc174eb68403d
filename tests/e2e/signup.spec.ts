import { expect, test } from '@playwright/test'

import { logIn, saveScreenshot } from './helpers'

/**
 * A business opens its shop on the public /signup page: the address is suggested from the
 * name and checked live, a taken one is refused, and the new tenant-admin can sign in.
 */
test('a business signs up on /signup and signs in to its new shop', async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36)
  await page.goto('/signup')
  await expect(page.getByRole('heading', { name: 'Open your shop' })).toBeVisible()

  // A demo shop's address is taken.
  await page.getByLabel('Shop name').fill('Acme Gadgets')
  await expect(page.locator('#slug-state')).toHaveText('"acme-gadgets" is taken.')

  await page.getByLabel('Shop name').fill(`Bazar ${stamp}`)
  await expect(page.getByLabel('Shop address')).toHaveValue(`bazar-${stamp}`)
  await expect(page.locator('#slug-state')).toHaveText(`bazar-${stamp} is available`)
  await page.getByLabel('Your name').fill('Nusrat Jahan')
  await page.getByLabel('Email').fill(`owner-${stamp}@example.test`)
  await page.getByLabel('Password (10 characters or more)').fill('a-long-password')
  await page.getByLabel('Add a few sample products').check()
  await page.getByRole('button', { name: 'Open my shop' }).click()
  await expect(page.getByRole('status')).toContainText(`Check your inbox at owner-${stamp}@example.test.`)
  await saveScreenshot(page, testInfo, 'signup-done')

  await logIn(page, `owner-${stamp}@example.test`, 'a-long-password')
  await page.goto('/admin/collections/products')
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible()
  await expect(page.locator('table tbody tr')).toHaveCount(3)
})
