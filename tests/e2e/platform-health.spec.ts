import { expect, test } from '@playwright/test'

import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from '../../src/seed/demo-data'
import { logIn, openNav, saveScreenshot } from './helpers'

/**
 * The super-admin's platform page (src/platform-health): reached from the side nav, it shows the
 * database backstop as the catalog has it right now, the canary and self-check sections and the
 * operations tables, and "Refresh" reads it again. Shop staff have no link and are turned away.
 */
const shop = DEMO_TENANTS.find((t) => t.status === 'active')!

test('the super-admin opens Platform health from the nav: the backstop holds on every tenant table, and Refresh checks again', async ({ page }, testInfo) => {
  await logIn(page, SUPER_ADMIN_EMAIL, demoPasswords().superAdmin)
  await openNav(page)
  await page.locator('#nav-platform-health').click()
  await expect(page).toHaveURL(/\/admin\/platform-health$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Platform health' })).toBeVisible()
  for (const section of ['Database backstop', 'Isolation canary', 'Last self-check', 'Job queues', 'Webhook lag (Meta)', 'Rate-limit refusals (24 h)'])
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible()

  // What the page says is what the endpoint measured: the same number of protected tables, none failing.
  const health = await (await page.request.get('/api/platform-health')).json()
  expect(health.backstop.status).toBe('ok')
  const backstop = page.locator('h2:has-text("Database backstop") + p')
  await expect(backstop).toContainText('OK')
  await expect(backstop).toContainText(`${health.backstop.tables} protected tables`)
  await expect(page.getByText('Every tenant-owned table has row-level security enabled, forced and its policy.')).toBeVisible()
  await saveScreenshot(page, testInfo, 'platform-health')

  // Refresh reads it again: the "checked" time moves on.
  const checked = page.locator('.platform-health__panel > p').first()
  const before = await checked.textContent()
  await page.waitForTimeout(1100)
  const again = page.waitForResponse((r) => r.url().endsWith('/api/platform-health') && r.status() === 200)
  await page.getByRole('button', { name: 'Refresh' }).click()
  await again
  await expect(checked).not.toHaveText(before ?? '')
})

test('a tenant-admin has no Platform health link and is turned away from the page and its endpoint', async ({ page }) => {
  await logIn(page, staffEmail('tenant-admin', shop.slug), demoPasswords().staff)
  await openNav(page)
  // The nav is drawn (a link every tenant-admin has), and Platform health is not in it.
  await expect(page.locator('#nav-reports')).toBeVisible()
  await expect(page.locator('#nav-platform-health')).toHaveCount(0)
  await page.goto('/admin/platform-health')
  await expect(page).toHaveURL(/\/admin\/unauthorized/)
  await expect(page.getByText('Database backstop')).toHaveCount(0)
  const answer = await page.request.get('/api/platform-health')
  expect(answer.status()).toBe(403)
  expect(await answer.json()).toMatchObject({ error: 'forbidden', message: expect.any(String) })
})
