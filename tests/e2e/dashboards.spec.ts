import { expect, test } from '@playwright/test'

import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from '../../src/seed/demo-data'
import { logIn, saveScreenshot } from './helpers'

/**
 * The shop's home (plugins/dashboards/admin): a demo shop's tenant-admin signing in sees how the
 * business is doing — tiles against the previous period, charts over the seeded 90 days of
 * history with their numbers — a support agent only the inbox's figures, and the super-admin the
 * platform's aggregates above the stock dashboard.
 */
const acme = DEMO_TENANTS[0]

test('a shop owner sees the business on the home page, period by period', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  const home = page.getByRole('region', { name: 'How the shop is doing' })
  await expect(home).toBeVisible()
  await home.getByRole('link', { name: '30 days' }).click()
  await expect(page).toHaveURL(/period=30d/)
  const sales = home.locator('[data-section="sales"]')
  await expect(sales.locator('[data-tile="orders"] .dashboards-tile__value')).not.toHaveText('0')
  await expect(sales.locator('[data-chart="sales-orders"] .recharts-surface')).toBeVisible()
  // The numbers behind the chart, one row per day of the period.
  await sales.locator('[data-chart="sales-orders"] summary').click()
  await expect(sales.locator('[data-chart="sales-orders"] tbody tr')).toHaveCount(30)
  await saveScreenshot(page, testInfo, 'dashboards-acme-home')
  // A tile opens the list it summarises, filtered to the period.
  await sales.locator('[data-tile="orders"] a').click()
  await expect(page).toHaveURL(/\/admin\/collections\/orders\?where/)
})

test('a support agent sees conversations, not revenue', async ({ page }) => {
  await logIn(page, staffEmail('support-agent', acme.slug), demoPasswords().staff)
  const home = page.getByRole('region', { name: 'How the shop is doing' })
  await expect(home.locator('[data-section="conversations"]')).toBeVisible()
  await expect(home.locator('[data-section="sales"]')).toHaveCount(0)
  await expect(home).not.toContainText('Revenue')
})

test('the super-admin sees the platform’s aggregates', async ({ page }, testInfo) => {
  await logIn(page, SUPER_ADMIN_EMAIL, demoPasswords().superAdmin)
  const platform = page.getByRole('region', { name: 'The platform' })
  await expect(platform).toBeVisible()
  await expect(platform.locator('[data-tile="orders"] .dashboards-tile__value')).not.toHaveText('0')
  await expect(platform.locator('[data-table="weeks"] tbody tr')).toHaveCount(12)
  await expect(platform.locator('[data-table="busiest"]')).toContainText(acme.name)
  await saveScreenshot(page, testInfo, 'dashboards-super-admin')
  await platform.getByRole('link', { name: '30 days' }).click()
  await expect(page).toHaveURL(/period=30d/)
  await expect(page.getByRole('region', { name: 'The platform' }).locator('[data-tile="orders"] .dashboards-tile__value')).not.toHaveText('0')
  // A busy shop's name opens that shop's own home.
  await platform.locator('[data-table="busiest"]').getByRole('link', { name: acme.name }).click()
  await expect(page).toHaveURL(/\/admin\?tenant=/)
  await expect(page.getByRole('region', { name: 'How the shop is doing' }).locator('[data-section="sales"]')).toBeVisible()
})
