import type { Payload } from 'payload'
import { expect } from 'vitest'

import { api, login } from './api'
import { createStaff, createSuperAdmin, createTenant, PASSWORD } from './factories'

export type Session = { grantId: string; token: string; cookie: string }

type GrantOptions = {
  rootToken: string
  tenant?: string
  targetUser?: string
  reason?: string
  minutes?: number
  readOnly?: boolean
  breakGlass?: boolean
  /** Start this grant instead of requesting one. */
  existing?: string
  approveWith?: string
  start?: boolean
}

/** Request a grant (and approve, start it); answers the grant, or the session when started. */
export async function grantFor(options: GrantOptions & { start: true }): Promise<Session>
export async function grantFor(options: GrantOptions): Promise<Record<string, any>>
export async function grantFor(o: GrantOptions): Promise<Record<string, any>> {
  let grant: Record<string, any> = { id: o.existing }
  if (!o.existing) {
    const body = { tenant: o.tenant, targetUser: o.targetUser, reason: o.reason ?? 'support ticket 1234', minutes: o.minutes, readOnly: o.readOnly, breakGlass: o.breakGlass }
    const res = await api('POST', '/impersonation/request', { token: o.rootToken, body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    grant = res.body.grant
  }
  if (o.approveWith) expect((await api('POST', `/impersonation/${grant.id}/approve`, { token: o.approveWith })).status).toBe(200)
  if (!o.start) return grant
  const started = await api('POST', `/impersonation/${grant.id}/start`, { token: o.rootToken })
  expect(started.status, JSON.stringify(started.body)).toBe(200)
  const cookie = /emk-impersonation=([^;]+)/.exec(started.headers.get('set-cookie') ?? '')?.[1]
  expect(cookie).toBeTruthy()
  return { grantId: grant.id, token: o.rootToken, cookie: cookie! }
}

/** The headers of a request inside `session`: the super-admin's own JWT and the session cookie. */
export const sessionHeaders = (session: Session) => ({ authorization: `JWT ${session.token}`, cookie: `emk-impersonation=${session.cookie}` })

/** Two shops, each with a signed-in tenant-admin, and the platform's signed-in super-admin. */
export async function impersonationWorld(payload: Payload) {
  const shop = await createTenant(payload)
  const otherShop = await createTenant(payload)
  const root = await createSuperAdmin(payload)
  const shopAdmin = await createStaff(payload, shop, 'tenant-admin')
  const otherAdmin = await createStaff(payload, otherShop, 'tenant-admin')
  const [rootToken, shopAdminToken, otherAdminToken] = await Promise.all([login(root.email, PASSWORD), login(shopAdmin.email, PASSWORD), login(otherAdmin.email, PASSWORD)])
  return { shop, otherShop, root, rootToken, shopAdmin, shopAdminToken, otherAdminToken }
}
