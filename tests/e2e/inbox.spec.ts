import { expect, test } from '@playwright/test'

import { demoRecords } from '../../src/seed/demo-extras'
import { DEMO_TENANTS, demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { metaJson, signatureOf, startFakeGraph, waMessage, type FakeGraph } from '../fakes/meta'
import { logIn, saveScreenshot } from './helpers'

/**
 * The Meta inbox in the admin (plugins/meta/admin): a customer's WhatsApp message arrives by a
 * signed webhook, shows up unread in the shop's inbox, the tenant-admin replies (sent through
 * the fake Graph API the app was started with), opens "Create order" with the customer filled
 * in, and checks the number's connection (which first proves it: the demo number is unverified).
 */
const index = DEMO_TENANTS.findIndex((tenant) => tenant.slug === 'acme-gadgets')
const acme = DEMO_TENANTS[index]
const { number } = demoRecords(index + 1, acme.name)
let graph: FakeGraph

test.beforeAll(async () => {
  graph = await startFakeGraph({ port: Number(process.env.EMERKATER_E2E_GRAPH_PORT) })
  graph.addNumber({ phoneNumberId: number.phoneNumberId, wabaId: number.wabaId, token: number.accessToken, displayPhoneNumber: number.displayPhoneNumber, verifiedName: acme.name })
})
test.afterAll(async () => {
  await graph?.close()
})

test('a WhatsApp message reaches the inbox; the admin replies and starts an order from it', async ({ page }, testInfo) => {
  // The demo number is unverified (the seed proves nothing): the admin's "Test connection",
  // against the fake Graph that now knows its token, proves it — only then does it receive.
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  const numbers = await page.request.get(`/api/numbers?depth=0&where[phoneNumberId][equals]=${number.phoneNumberId}`)
  const numberId = ((await numbers.json()) as { docs: { id: string }[] }).docs[0].id
  const proven = await page.request.post(`/api/numbers/${numberId}/test-connection`)
  expect(await proven.json()).toMatchObject({ ok: true, verified: true })

  const from = `88017${String(Date.now()).slice(-8)}`
  const raw = metaJson(waMessage({ wabaId: number.wabaId, phoneNumberId: number.phoneNumberId, from, name: 'Shirin Akter', text: 'আসসালামু আলাইকুম, blue shirt size M আছে?' }))
  const delivered = await page.request.post('/api/meta/webhook', {
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(raw, process.env.EMERKATER_E2E_META_SECRET!) },
    data: raw,
  })
  expect(delivered.status(), await delivered.text()).toBe(200)
  expect(await delivered.json()).toMatchObject({ stored: 1 })

  await page.goto('/admin/inbox')
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible()
  // The webhook's job runs in the app right after the 200; the list polls.
  const item = page.getByRole('button', { name: /Shirin Akter, 1 unread/ })
  await expect(item).toBeVisible({ timeout: 30_000 })
  await saveScreenshot(page, testInfo, 'inbox-unread')
  await item.click()
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText('blue shirt size M')

  await page.getByLabel('Reply', { exact: true }).fill('Yes, size M is in stock: 1,250 BDT.')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const sent = await graph.waitForSent(1, 30_000)
  expect(sent[0]).toMatchObject({ channel: 'whatsapp', from: number.phoneNumberId, to: from, text: 'Yes, size M is in stock: 1,250 BDT.' })
  await expect(page.locator('[data-message][data-status="sent"]')).toContainText('size M is in stock', { timeout: 30_000 })
  await saveScreenshot(page, testInfo, 'inbox-replied')

  await page.getByRole('button', { name: 'Create order', exact: true }).click()
  const drawer = page.locator('.drawer--is-open, [role="dialog"]').last()
  await expect(drawer).toBeVisible()
  await expect(drawer).toContainText('Shirin Akter')
  // The cash-order risk of the new customer's phone, from the shop's own deliveries (none yet).
  await expect(drawer.getByTestId('courier-risk')).toContainText('No delivery history', { timeout: 15_000 })
  await saveScreenshot(page, testInfo, 'inbox-create-order')
})

test('the number’s edit view tests its connection against Meta', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('tenant-admin', acme.slug), demoPasswords().staff)
  await page.goto('/admin/collections/numbers')
  await page.getByRole('link', { name: number.displayPhoneNumber }).first().click()
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByText(/Connected: .*quality/).first()).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('[data-verification="verified"]')).toBeVisible()
  await saveScreenshot(page, testInfo, 'number-test-connection')
})
