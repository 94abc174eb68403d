import { readFile } from 'node:fs/promises'

import { expect, test } from '@playwright/test'

import { DEMO_TENANTS, demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { logIn, openNav, saveScreenshot } from './helpers'

/**
 * The Reports (plugins/dashboards/admin/ReportsView.tsx): a demo shop's tenant-admin opens them
 * from the side nav, sees a table per metric, and downloads the CSV — whose figures are the ones
 * on the page; a support agent sees only the inbox's tables and is told who may export.
 */
const acme = DEMO_TENANTS[0]
const digitsOf = (text: string) => text.replace(/[^\d.]/g, '')

test('a shop owner opens the Reports and downloads the CSV of the period', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  await openNav(page)
  await page.locator('#nav-reports').click()
  await expect(page).toHaveURL(/\/admin\/reports/)
  const reports = page.getByRole('region', { name: 'Reports' })
  await reports.getByRole('link', { name: '30 days' }).click()
  await expect(page).toHaveURL(/\/admin\/reports\?period=30d/)
  const figures = reports.locator('[data-table="sales.figures"]')
  await expect(figures).toBeVisible()
  await expect(reports.locator('[data-table="sales.daily.orders"] tbody tr')).toHaveCount(30)
  await expect(reports.locator('[data-table="conversations.byChannel"]')).toBeVisible()
  const shownOrders = digitsOf(
    await figures
      .locator('tbody tr', { hasText: /^Orders/ })
      .locator('td')
      .first()
      .innerText(),
  )
  expect(Number(shownOrders)).toBeGreaterThan(0)
  await saveScreenshot(page, testInfo, 'dashboards-acme-reports')

  const [download] = await Promise.all([page.waitForEvent('download'), reports.getByRole('link', { name: 'Download CSV' }).click()])
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${acme.slug}-report-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`))
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '')
  const lines = csv.trim().split(/\r?\n/)
  expect(lines[0]).toBe('Section,Table,Row,This period,Previous period,Change (%)')
  const orders = lines.find((l) => l.startsWith('Sales,Sales: figures,Orders,'))
  expect(orders?.split(',')[3]).toBe(shownOrders)
  expect(lines.some((l) => l.startsWith('Sales,Sales: figures,Revenue (BDT),'))).toBe(true)
})

test('a support agent sees the inbox’s tables, no revenue, and who may export', async ({ page }) => {
  await logIn(page, staffEmail('support-agent', acme.slug), demoPasswords().staff)
  await page.goto('/admin/reports')
  const reports = page.getByRole('region', { name: 'Reports' })
  await expect(reports.locator('[data-section="conversations"]')).toBeVisible()
  await expect(reports.locator('[data-section="sales"]')).toHaveCount(0)
  await expect(reports).not.toContainText('Revenue')
  await expect(reports.getByTestId('reports-export-refused')).toContainText('Only Tenant admin may download')
  await expect(reports.getByRole('link', { name: 'Download CSV' })).toHaveCount(0)
})
