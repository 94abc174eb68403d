import { randomBytes } from 'node:crypto'

import { docsOf, type Probe } from './client'

/** A freshly signed-up shop, as the self-check sees it: its admin's token and ids, one of its products. */
export type Shop = { slug: string; email: string; password: string; token: string; userId: string; tenantId: string; productId: string }

/**
 * Open a shop through the public signup (`POST /api/tenants/signup`, with its sample products),
 * sign its tenant-admin in and read its ids. Null (with a finding) when any step fails: the
 * checks that need two shops are then skipped. The shops stay (trial shops named `selfcheck-…`).
 */
export async function signUpShop(probe: Probe, label: string): Promise<null | Shop> {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}${label}`
  const slug = `selfcheck-${tag}`
  const email = `selfcheck+${tag}@example.test`
  const password = `Sc-${randomBytes(12).toString('base64url')}`
  const check = 'signup'
  const signup = await probe.call(check, 'POST', '/tenants/signup', { body: { shopName: `Self-check ${label}`, slug, name: `Self-check ${label}`, email, password, demoData: true } })
  probe.expect(check, signup.status !== 202, `signup of ${slug} answered ${signup.status}, not 202: ${signup.text.slice(0, 160)}`)
  if (signup.status !== 202) return null
  const login = await probe.call(check, 'POST', '/users/login', { body: { email, password } })
  const token = (login.body as { token?: string } | undefined)?.token
  const user = (login.body as { user?: { id?: string; tenants?: { tenant?: string | { id?: string } }[] } } | undefined)?.user
  const membership = user?.tenants?.[0]?.tenant
  const tenantId = typeof membership === 'string' ? membership : membership?.id
  probe.expect(check, !token || !user?.id || !tenantId, `the new shop's admin ${email} could not sign in (${login.status})`)
  if (!token || !user?.id || !tenantId) return null
  const products = await probe.call(check, 'GET', '/products?limit=1&depth=0', { token })
  const productId = docsOf(products)[0]?.id
  probe.expect(check, !productId, `the new shop ${slug} has no sample product to probe with (${products.status})`)
  if (!productId) return null
  return { slug, email, password, token, userId: user.id, tenantId, productId }
}
