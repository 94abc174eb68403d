import { expect, test } from '@playwright/test'

import { DEMO_TENANTS, demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { logIn, openNav, saveScreenshot } from './helpers'

/**
 * Each demo shop's admin is visibly its own (plugins/branding): its brand colour on the primary
 * buttons, its custom CSS scoped under `.shop-theme`, its name atop the nav — and never another
 * shop's. Runs against the demo data seeded by `start --seed`.
 */

const shops = DEMO_TENANTS.filter((t): t is Extract<(typeof DEMO_TENANTS)[number], { branding: object; brand: object }> => 'branding' in t && 'brand' in t)

/** `#0b5394` → `rgb(11, 83, 148)`, as the browser reports a computed colour. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`

for (const shop of shops) {
  test(`${shop.name}’s admin wears its own brand`, async ({ page }, testInfo) => {
    await logIn(page, staffEmail('tenant-admin', shop.slug), demoPasswords().staff)
    // The new-product form: its Save is a primary button.
    await page.goto('/admin/collections/products/create')
    await expect(page.locator('body')).toHaveClass(/\bshop-theme\b/)
    await expect(page.locator(`style[data-shop-theme="${shop.slug}"]`)).toHaveCount(1)
    // Another shop's theme is never on this page.
    for (const other of shops.filter((s) => s.slug !== shop.slug)) await expect(page.locator(`style[data-shop-theme="${other.slug}"]`)).toHaveCount(0)
    const save = page.locator('.btn--style-primary').first()
    await expect(save).toBeVisible()
    await expect.poll(() => save.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(shop.branding.primaryColor))
    await openNav(page)
    await expect(page.locator(`[data-shop-brand="${shop.slug}"]`)).toContainText(shop.displayName)
    // The shop's custom CSS (a border on the nav in its colour) applies, scoped under its wrapper.
    await expect
      .poll(() =>
        page
          .locator('.nav')
          .first()
          .evaluate((el) => getComputedStyle(el).borderRightColor),
      )
      .toBe(rgb(shop.branding.primaryColor))
    // The tab: the page's title ends with the shop's suffix, its favicon is the shop's icon (its logo, in the demo).
    await expect(page).toHaveTitle(new RegExp(` · ${shop.brand.titleSuffix}$`))
    const favicon = await page.locator('link[rel="icon"]').first().getAttribute('href')
    expect(favicon).toMatch(new RegExp(`/api/media/file/${shop.slug}-logo.*\\.png`))
    expect((await page.request.get(favicon!)).headers()['content-type']).toBe('image/png')
    // The shop's default theme (the browser prefers light): dhaka-threads' admin is dark, acme's light.
    await expect(page.locator('html')).toHaveAttribute('data-theme', shop.branding.theme)
    await saveScreenshot(page, testInfo, `branding-${shop.slug}`)
  })
}

test('a user’s own theme choice wins over the shop’s default', async ({ page, context, baseURL }) => {
  const dhaka = shops.find((s) => s.branding.theme === 'dark')!
  await logIn(page, staffEmail('support-agent', dhaka.slug), demoPasswords().staff)
  await page.goto('/admin/collections/products')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  // Account › Admin theme › Light is kept in Payload's theme cookie.
  await context.addCookies([{ name: 'payload-theme', value: 'light', url: baseURL! }])
  await page.reload()
  await expect(page.locator('.nav').first()).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
})

test('the sign-in page on a shop’s own host is that shop’s, and the platform’s elsewhere', async ({ page, baseURL }, testInfo) => {
  const acme = shops.find((s) => s.slug === 'acme-gadgets')!
  const port = new URL(baseURL!).port
  // `<slug>.<BASE_DOMAIN>` (BASE_DOMAIN defaults to localhost; Chromium resolves *.localhost to loopback).
  await page.goto(`http://${acme.slug}.localhost:${port}/admin/login`)
  // The shop's logo, served from its own host (the storefront's media rule: anonymous reads of that shop's files).
  const logo = page.locator(`img[data-shop-logo="${acme.slug}"]`)
  await expect(logo).toHaveAttribute('alt', acme.displayName)
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(128)
  await expect(page.locator(`style[data-shop-theme="${acme.slug}"]`)).toHaveCount(1)
  const login = page.locator('.btn--style-primary').first()
  await expect.poll(() => login.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(acme.branding.primaryColor))
  await saveScreenshot(page, testInfo, 'branding-login-acme')
  await page.goto(`${baseURL}/admin/login`)
  await expect(page.locator('[data-shop-logo="platform"]')).toContainText('e-merkater')
  await expect(page.locator('style[data-shop-theme]')).toHaveCount(0)
})
