import { expect, test, type Page } from '@playwright/test'

import { logIn, saveScreenshot } from './helpers'

/**
 * The onboarding wizard (src/onboarding): a shop that just signed up is reminded on the dashboard,
 * works through the steps — saving some, skipping others — and finds its place again after a
 * reload; once finished the reminder is gone.
 */

const stepHeading = (page: Page, name: string) => page.getByRole('heading', { name, level: 2, exact: true })
const banner = (page: Page) => page.getByTestId('onboarding-banner')

test('a new tenant-admin sets the shop up, resumes after a reload, and finishes', async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36)
  const digits = String(Date.now()).slice(-10)
  const email = `onboard-${stamp}@example.test`
  const password = 'a-long-password'
  const signup = await page.request.post('/api/tenants/signup', {
    data: { shopName: `Onboard ${stamp}`, slug: `onboard-${stamp}`, name: 'Farhana Akter', email, password },
  })
  expect(signup.status(), await signup.text()).toBe(202)

  await logIn(page, email, password)
  await expect(banner(page)).toContainText('Set up your shop: 0 of 5 steps done')
  await saveScreenshot(page, testInfo, 'onboarding-banner')
  await banner(page).getByRole('link', { name: 'Continue setup' }).click()
  await expect(page).toHaveURL(/\/admin\/onboarding\?tenant=/)

  // 1. Business profile: saved.
  await expect(stepHeading(page, 'Business profile')).toBeVisible()
  await page.getByLabel('Display name').fill(`Farhana’s Boutique ${stamp}`)
  await page.getByLabel('Time zone').fill('Asia/Dhaka')
  await page.getByLabel('Currency').selectOption('BDT')
  await page.getByRole('button', { name: 'Save and continue' }).click()

  // 2. Branding: skipped.
  await expect(stepHeading(page, 'Branding')).toBeVisible()
  await page.getByRole('button', { name: 'Skip', exact: true }).click()

  // 3. A WhatsApp number, created over REST: the API's validation message is shown first.
  await expect(stepHeading(page, 'Facebook page or WhatsApp number')).toBeVisible()
  await page.getByRole('radio', { name: 'WhatsApp number' }).check()
  await page.getByLabel('Phone number', { exact: true }).fill('+8801712345678')
  await page.getByLabel('Phone number id', { exact: true }).fill('not-a-number')
  await page.getByLabel('WhatsApp Business account id').fill(`7${digits}`)
  await page.getByLabel('Access token').fill('EAAG-onboarding-token')
  await page.getByRole('button', { name: 'Save and continue' }).click()
  await expect(page.locator('.onboarding__error')).toContainText('A phone number id is a number (digits only).')
  await page.getByLabel('Phone number id', { exact: true }).fill(`8${digits}`)
  await page.getByRole('button', { name: 'Save and continue' }).click()

  // 4. Courier: skipped.
  await expect(stepHeading(page, 'Courier')).toBeVisible()
  await page.getByRole('button', { name: 'Skip', exact: true }).click()
  await expect(stepHeading(page, 'Invite staff')).toBeVisible()

  // The progress is saved: a reload opens the invite step again.
  await page.reload()
  await expect(stepHeading(page, 'Invite staff')).toBeVisible()
  await expect(page.getByText('2 of 5 steps done')).toBeVisible()
  await saveScreenshot(page, testInfo, 'onboarding-resumed')

  // 5. Invite: skipped; then finish.
  await page.getByRole('button', { name: 'Skip', exact: true }).click()
  await expect(stepHeading(page, 'All steps handled')).toBeVisible()
  await page.getByRole('button', { name: 'Finish' }).click()
  await expect(stepHeading(page, 'Your shop is set up')).toBeVisible()

  // What the wizard saved, read over REST as the same user.
  const numbers = await page.request.get('/api/numbers?depth=0')
  expect(((await numbers.json()) as { docs: { phoneNumberId: string }[] }).docs.map((n) => n.phoneNumberId)).toEqual([`8${digits}`])
  const me = (await (await page.request.get('/api/users/me')).json()) as { user: { tenants: { tenant: { id: string } }[] } }
  const tenant = await (await page.request.get(`/api/tenants/${me.user.tenants[0].tenant.id}?depth=0`)).json()
  expect(tenant.displayName).toBe(`Farhana’s Boutique ${stamp}`)
  expect(tenant.onboarding.steps).toEqual({ profile: 'done', branding: 'skipped', channel: 'done', courier: 'skipped', invite: 'skipped' })
  expect(tenant.onboarding.completedAt).toBeTruthy()

  await page.goto('/admin')
  await expect(page.locator('.dashboard')).toBeVisible()
  await expect(banner(page)).toHaveCount(0)
})
