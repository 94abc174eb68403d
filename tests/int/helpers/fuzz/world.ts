import type { Payload } from 'payload'

import { PERMISSIONS, type TenantCollection } from '../../../../access/permissions'
import type { ApiKey, Tenant } from '../../../../payload-types'
import { api, login } from '../api'
import { asSystem, createPlan, createStaff, createSuperAdmin, createTenant, PASSWORD } from '../factories'
import { createAsSystem, tenantFixture } from '../samples'

/** Who sends a fuzz request. */
export const CALLERS = ['anonymous', 'tenant-admin', 'support-agent', 'api-key', 'super-admin'] as const
export type CallerName = (typeof CALLERS)[number]

/** The documents the fuzz aims at: ids per collection, in its own tenant A and in tenant B. */
export type Docs = Record<string, string[]>

export type World = {
  a: Tenant
  b: Tenant
  /** Tenant A's documents (the callers' own) and tenant B's (foreign to every caller but the super-admin). */
  own: Docs
  foreign: Docs
  /** Auth headers of each caller (none for anonymous). */
  auth: Record<CallerName, Record<string, string>>
  /** Emails of real accounts: never put in a generated request (a failed sign-in counts against them). */
  emails: string[]
}

const ids = (docs: { id: unknown }[]) => docs.map((d) => String(d.id))

/**
 * Two shops with one document of every tenant-owned collection each (plus what they need: a
 * customer, product, number and conversation), a tenant-admin and a support-agent of shop A, an
 * API key of shop A with every scope, and the super-admin — all signed in before the fuzz starts.
 */
export async function buildWorld(payload: Payload): Promise<World> {
  // A plan with every feature, so feature gates answer on the request rather than the plan.
  const plan = await createPlan(payload)
  const a = await createTenant(payload, { plan: plan.id })
  const b = await createTenant(payload, { plan: plan.id })
  const docsOf = async (tenant: Tenant): Promise<Docs> => {
    const fx = await tenantFixture(payload, tenant.id)
    const docs: Docs = { customers: [fx.customer], products: [fx.product], numbers: [fx.number], conversations: [fx.conversation] }
    for (const collection of Object.keys(PERMISSIONS) as TenantCollection[]) {
      const doc = await createAsSystem(payload, collection, fx)
      ;(docs[collection] ??= []).push(String(doc.id))
    }
    return docs
  }
  const own = await docsOf(a)
  const foreign = await docsOf(b)

  const admin = await createStaff(payload, a, 'tenant-admin')
  const agent = await createStaff(payload, a, 'support-agent')
  const root = await createSuperAdmin(payload)
  const otherAdmin = await createStaff(payload, b, 'tenant-admin')
  const key = (await asSystem(() =>
    payload.create({ collection: 'api-keys', data: { tenant: a.id, label: 'fuzz key', scopes: ['catalog-read', 'orders-create', 'customers-create'] }, overrideAccess: true }),
  )) as ApiKey & { key: string }
  own['api-keys'].push(String(key.id))

  // The documents that are not tenant-owned: the shops themselves, the users, the plan.
  own.tenants = [a.id]
  foreign.tenants = [b.id]
  own.users = [String(admin.id), String(agent.id)]
  foreign.users = [String(otherAdmin.id), String(root.id)]
  foreign.plans = [String(plan.id)]
  const { docs: audit } = await asSystem(() => payload.find({ collection: 'audit-logs', limit: 5, depth: 0, overrideAccess: true }))
  foreign['audit-logs'] = ids(audit)

  const jwt = async (email: string) => ({ authorization: `JWT ${await login(email, PASSWORD)}` })
  const auth = { 'tenant-admin': await jwt(admin.email), 'support-agent': await jwt(agent.email), 'super-admin': await jwt(root.email) }
  // Each signed-in caller has admin preferences: a request that deletes other users' rows (as a
  // bulk delete of nobody once did, src/db/deletes-of-nothing.ts) shows in the row counts.
  for (const headers of Object.values(auth)) {
    const res = await api('POST', '/payload-preferences/fuzz', { headers, body: { value: { fuzz: true } } })
    if (res.status !== 200) throw new Error(`could not store a preference: ${res.status} ${JSON.stringify(res.body)}`)
  }
  return {
    a,
    b,
    own,
    foreign,
    auth: {
      anonymous: {},
      ...auth,
      'api-key': { 'x-api-key': key.key },
    },
    emails: [admin.email, agent.email, root.email, otherAdmin.email],
  }
}
