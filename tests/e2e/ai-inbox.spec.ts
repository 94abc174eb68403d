import { expect, test } from '@playwright/test'

import { demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { startFakeLlm, type FakeLlm } from '../fakes/llm'
import { logIn, saveScreenshot } from './helpers'

/**
 * The inbox assistant in the admin (plugins/ai/admin/InboxAssistant.tsx, in the inbox's
 * threadTools slot): acme's support agent opens the seeded conversation ("Can you deliver to
 * Dhanmondi by Friday?"), "Suggest a reply" puts a Bangla draft quoting acme's delivery policy in
 * the reply box (from the fake LLM the app was started with), "Summarise" shows a summary, and
 * "Draft an order" opens the Create order drawer with the product the customer asked about.
 */
let llm: FakeLlm

test.beforeAll(async () => {
  llm = await startFakeLlm({ port: Number(process.env.EMERKATER_E2E_LLM_PORT), apiKey: 'e2e-ai-key' })
})
test.afterAll(async () => {
  await llm?.close()
})

test('acme’s inbox suggests a grounded Bangla reply to the seeded question', async ({ page }, testInfo) => {
  await logIn(page, staffEmail('support-agent', 'acme-gadgets'), demoPasswords().staff)
  await page.goto('/admin/inbox')
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible()
  await page
    .getByRole('button', { name: /Rahim Uddin/ })
    .first()
    .click()
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText('Can you deliver to Dhanmondi by Friday?')

  const assistant = page.getByRole('group', { name: 'Assistant' })
  await assistant.getByRole('button', { name: 'Suggest a reply' }).click()
  const reply = page.getByLabel('Reply', { exact: true })
  await expect(reply).toHaveValue(/ঢাকার ভেতরে \(Dhanmondi, Gulshan, Mirpur, Uttara\)/, { timeout: 30_000 })
  await expect(reply).toHaveValue(/ডেলিভারি/)
  expect(llm.prompts().at(-1)).toContain('Conversation language: Bangla')
  await saveScreenshot(page, testInfo, 'ai-suggested-reply')

  await assistant.getByRole('button', { name: 'Summarise' }).click()
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Can you deliver to Dhanmondi by Friday?')
  // Nothing was sent: the draft waits in the box for the agent.
  await expect(reply).toHaveValue(/ডেলিভারি/)

  // "Draft an order": the Create order drawer opens with the customer and the product the thread asked about.
  await assistant.getByRole('button', { name: 'Draft an order' }).click()
  const drawer = page.locator('.drawer--is-open, [role="dialog"]').last()
  await expect(drawer).toBeVisible({ timeout: 30_000 })
  await expect(drawer).toContainText('Rahim Uddin')
  await expect(drawer).toContainText('Acme Power Bank 20000mAh')
  await saveScreenshot(page, testInfo, 'ai-drafted-order')
})
