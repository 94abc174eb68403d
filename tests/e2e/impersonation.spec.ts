import { expect, test } from '@playwright/test'

import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from '../../src/seed/demo-data'
import { logIn, saveScreenshot } from './helpers'

/**
 * Consented impersonation in the admin (plugins/impersonation): the super-admin asks to see a demo
 * shop as its support-agent, the shop's tenant-admin approves in the grant's edit view, the
 * super-admin starts it there and sees the banner above every page; "End impersonation" brings
 * back their own session.
 */
const shop = DEMO_TENANTS.find((t) => t.status === 'active')!

test('approve and start in the admin; the banner shows whom the super-admin sees the shop as, and ends the session', async ({ page, browser }, testInfo) => {
  await logIn(page, SUPER_ADMIN_EMAIL, demoPasswords().superAdmin)
  const get = async (path: string) => (await page.request.get(path)).json()
  const tenant = (await get(`/api/tenants?depth=0&where[slug][equals]=${shop.slug}`)).docs[0]
  const targetEmail = staffEmail('support-agent', shop.slug)
  const target = (await get(`/api/users?depth=0&where[email][equals]=${encodeURIComponent(targetEmail)}`)).docs[0]
  const asked = await page.request.post('/api/impersonation/request', { data: { tenant: tenant.id, targetUser: target.id, reason: 'e2e: customer ticket 42' } })
  expect(asked.status(), await asked.text()).toBe(201)
  const { grant } = await asked.json()
  const grantPage = `/admin/collections/impersonation-grants/${grant.id}`

  // The shop's tenant-admin approves in the grant's edit view, in a browser session of their own.
  const ownerContext = await browser.newContext()
  const owner = await ownerContext.newPage()
  await logIn(owner, staffEmail('tenant-admin', shop.slug), demoPasswords().staff)
  await owner.goto(grantPage)
  await owner.getByTestId('grant-approve').click()
  await expect(owner.getByTestId('grant-deny')).toBeVisible()
  await expect(owner.getByTestId('grant-approve')).toHaveCount(0)
  await ownerContext.close()

  // The super-admin starts it there and lands in the admin as the target.
  await page.goto(grantPage)
  await page.getByTestId('grant-start').click()
  const banner = page.getByTestId('impersonation-banner')
  await expect(banner).toBeVisible()
  await expect(banner).toContainText(targetEmail)
  await expect(banner).toContainText('read-only')
  await saveScreenshot(page, testInfo, 'impersonation-banner')

  await page.getByTestId('impersonation-end').click()
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.getByTestId('impersonation-banner')).toHaveCount(0)
  expect((await get('/api/users/me')).user.email).toBe(SUPER_ADMIN_EMAIL)
})
