import { expect, test } from '@playwright/test'

import { DEMO_TENANTS, demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { logIn, saveScreenshot } from './helpers'
import { mailTo } from './mailbox'

/**
 * People join a shop by invitation (src/tenancy/invitations): a tenant-admin invites from the
 * Users list, the invitee opens the emailed link in another browser, creates the account and
 * lands in the admin as a member of that shop — and the link works once.
 */
const acme = DEMO_TENANTS.find((tenant) => tenant.slug === 'acme-gadgets')!
test('a tenant-admin invites someone from the Users list; they accept from the email and join the shop', async ({ page, browser }, testInfo) => {
  const email = `invitee-${Date.now().toString(36)}@example.test`
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  await page.goto('/admin/collections/users')
  const form = page.getByRole('form', { name: 'Invite someone' })
  await form.getByLabel('Email').fill(email)
  await form.getByLabel('Role').selectOption('sales-operator')
  await form.getByRole('button', { name: 'Invite' }).click()
  await expect(form.getByRole('status')).toHaveText(`Invitation sent to ${email}. They join when they accept it.`)
  await expect(form.getByLabel('Email')).toHaveValue('')
  await saveScreenshot(page, testInfo, 'users-invite-sent')

  const mail = await mailTo(email)
  expect(mail.subject).toMatch(new RegExp(`^You are invited to ${acme.name}.* on e-merkater$`))
  // A path: the e2e server has no SERVER_URL (which would also switch on Payload's CSRF origin check).
  const link = mail.text!.match(/\/invite\/[\w-]+/)![0]

  // The invitee, in a browser of their own.
  const invitee = await browser.newContext({ baseURL: testInfo.project.use.baseURL })
  const tab = await invitee.newPage()
  await tab.goto(link)
  await expect(tab.getByText(new RegExp(`You are invited to ${acme.name}.* as Sales operator`))).toBeVisible()
  // The page is the shop's: its logo and its brand colour on the button (never the platform's plain page).
  await expect(tab.locator(`img[data-shop-logo="${acme.slug}"]`)).toBeVisible()
  expect(await tab.getByRole('button', { name: 'Create my account and join' }).evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(11, 83, 148)')
  await tab.getByLabel('Your name').fill('Sumaiya Rahman')
  await tab.getByLabel('Choose a password (10 characters or more)').fill('invitee-password')
  await tab.getByLabel('Repeat the password').fill('invitee-password')
  await saveScreenshot(tab, testInfo, 'invite-accept')
  await tab.getByRole('button', { name: 'Create my account and join' }).click()
  await expect(tab).toHaveURL(/\/admin\/?$/)
  const me = (await (await tab.request.get('/api/users/me')).json()) as { user: { email: string; tenants: { tenant: { slug: string }; role: string }[] } }
  expect(me.user.email).toBe(email)
  expect(me.user.tenants.map((t) => [t.tenant.slug, t.role])).toEqual([[acme.slug, 'sales-operator']])

  // Used once: the link now says so.
  await tab.goto(link)
  await expect(tab.getByRole('main').getByRole('alert')).toContainText('This invitation is no longer valid')
  await invitee.close()
})
