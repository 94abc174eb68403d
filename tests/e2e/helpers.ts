import { expect, type Page, type Response, type TestInfo } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import path from 'node:path'

/** Shared steps of the admin e2e specs. */

/** Log in through the admin's login form and land on the dashboard. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/admin/login')
  const emailField = page.getByLabel('Email')
  const passwordField = page.getByLabel('Password')
  // The "load" event comes before React has hydrated the form, and even once Payload marks the
  // form ready (data-form-ready) the admin refreshes the login route once more (an RSC refetch
  // right after hydration), which re-initialises the form and empties fields typed just before;
  // the form then fails its own validation and sends nothing. Let that refetch finish, and
  // should typing still be lost, type and submit again until the login request goes out (once).
  await page.waitForLoadState('networkidle')
  // A refetch can also land between typing and clicking, so the form sends an empty field and
  // the server answers 400: that attempt is typed again too. Any other answer ends the loop.
  let response: Response | null = null
  await expect(async () => {
    await expect(page.locator('form[data-form-ready="true"]')).toBeVisible({ timeout: 10_000 })
    await emailField.fill(email, { timeout: 5_000 })
    await passwordField.fill(password, { timeout: 5_000 })
    await expect(emailField).toHaveValue(email, { timeout: 1_000 })
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && /\/api\/users\/login\b/.test(r.url()), { timeout: 5_000 }),
      page.getByRole('button', { name: 'Login' }).click({ timeout: 5_000 }),
    ])
    response = await request.response()
    expect(response?.status(), 'the login form sent an emptied field; typing again').not.toBe(400)
  }).toPass({ timeout: 60_000 })
  const answered = response as Response | null
  expect(answered?.status(), `login as ${email}: ${await answered?.text()}`).toBe(200)
  // Payload then redirects to the dashboard.
  await expect(page).toHaveURL(/\/admin\/?$/)
}

/**
 * Open the admin's side nav unless it already is: it starts closed, and Payload remembers a
 * user's choice (a preference), so a later test of the same user may find it open.
 */
export async function openNav(page: Page) {
  const toggler = page.getByRole('button', { name: /^(Open|Close) Menu$/ }).first()
  await expect(toggler).toBeVisible()
  if ((await toggler.getAttribute('aria-label')) === 'Open Menu') await toggler.click()
  await expect(page.getByRole('button', { name: 'Close Menu' }).first()).toBeVisible()
}

/** A full-page screenshot in test-results/artifacts/ (emptied when a run starts), attached to the test. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const artifactsDir = path.join(testInfo.project.outputDir, 'artifacts')
  mkdirSync(artifactsDir, { recursive: true })
  const file = path.join(artifactsDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  await testInfo.attach(name, { path: file, contentType: 'image/png' })
}
