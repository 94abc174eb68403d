import { sql } from '@payloadcms/db-postgres'
import { createPayloadRequest, type Payload, type PayloadRequest, type Where } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { readOwnTenants } from '../../access/readOwnTenants'
import { tenantScoped } from '../../access/tenantScoped'
import type { ApiKey, Tenant } from '../../payload-types'
import { runSql } from '../../src/db/run-sql'
import { quotasHost } from '../../src/plugin-host/quotas'
import { dbContextFor } from '../../src/tenancy/db-context'
import { scopeOf } from '../../src/tenancy/scope'
import { api, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

type Names = Record<string, string>
type Caller = { label: string; headers: Record<string, string> }

/** The tenant ids an access result lets through, by name: 'all', or the sorted names. */
function tenantsOfAccess(result: boolean | Where, names: Names): string | string[] {
  if (result === true) return 'all'
  if (result === false) return []
  const json = JSON.stringify(result)
  return Object.entries(names)
    .filter(([id]) => json.includes(id))
    .map(([, name]) => name)
    .sort()
}

const named = (ids: readonly string[], names: Names) => [...new Set(ids.map((id) => names[id] ?? `?${id}`))].sort()

/**
 * Every layer that answers "which tenants may this caller touch?" derives from the one scope
 * (src/tenancy/scope.ts), and this test holds them to it, caller kind by caller kind (the table
 * in src/tenancy/README.md, "The scope of a request"): the scope itself, the collection access
 * `Where` (tenantScoped, readOwnTenants), the database context (dbContextFor) and what
 * row-level security then shows, the plan's feature gates (the quotas plugin's requestTenants),
 * and what a REST list answers through the production route module.
 * Rule: access = REST = database ∩ usable tenants; gates = database; a suspended shop is in the
 * database's set (the database does not know statuses) but never in access.
 */
describe('the layers agree on the tenant set, for every caller kind', () => {
  let payload: Payload
  let names: Names
  const callers: Record<string, Caller> = {}
  const expected: Record<string, { scope: string; access: string | string[]; db: string | string[]; gates: string[] }> = {}

  beforeAll(async () => {
    payload = await freshPayload()
    const a = await createTenant(payload, { slug: 'scope-a' })
    const b = await createTenant(payload, { slug: 'scope-b' })
    const s = await createTenant(payload, { slug: 'scope-s' })
    await asSystem(() => payload.update({ collection: 'tenants', id: s.id, data: { status: 'suspended', suspendedReason: 'test' }, overrideAccess: true }))
    names = { [a.id]: 'A', [b.id]: 'B', [s.id]: 'S' }
    for (const shop of [a, b, s] as Tenant[]) await createProduct(payload, shop)
    const superAdmin = await createSuperAdmin(payload)
    const adminA = await createStaff(payload, a, 'tenant-admin')
    const multi = await createStaff(payload, [a, b, s], 'sales-operator')
    const key = (await asSystem(() => payload.create({ collection: 'api-keys', data: { tenant: a.id, label: 'scope', scopes: ['catalog-read'] }, overrideAccess: true }))) as ApiKey & { key: string }
    const bearer = async (email: string) => ({ Authorization: `JWT ${await login(email, PASSWORD)}` })

    callers.superAdmin = { label: 'super-admin', headers: await bearer(superAdmin.email) }
    expected.superAdmin = { scope: 'platform', access: 'all', db: 'all', gates: [] }
    callers.adminA = { label: 'tenant-admin of A', headers: await bearer(adminA.email) }
    expected.adminA = { scope: 'tenants', access: ['A'], db: ['A'], gates: ['A'] }
    callers.multi = { label: 'staff of A, B and suspended S', headers: await bearer(multi.email) }
    expected.multi = { scope: 'tenants', access: ['A', 'B'], db: ['A', 'B', 'S'], gates: ['A', 'B', 'S'] }
    callers.multiNamed = { label: 'the same, X-Tenant: B', headers: { ...callers.multi.headers, 'X-Tenant': 'scope-b' } }
    expected.multiNamed = { scope: 'tenants', access: ['B'], db: ['B'], gates: ['B'] }
    callers.storefront = { label: 'anonymous storefront, X-Tenant: A', headers: { 'X-Tenant': 'scope-a' } }
    expected.storefront = { scope: 'tenants', access: ['A'], db: ['A'], gates: ['A'] }
    callers.apiKey = { label: 'API key of A', headers: { 'X-API-Key': key.key } }
    expected.apiKey = { scope: 'tenants', access: ['A'], db: ['A'], gates: ['A'] }
    callers.anonymous = { label: 'anonymous, no tenant', headers: {} }
    expected.anonymous = { scope: 'none', access: [], db: [], gates: [] }
  })

  /** A REST request of `caller` as Payload builds it (auth strategies run: JWT, session lookup). */
  const requestOf = (caller: Caller): Promise<PayloadRequest> => createPayloadRequest({ config: payload.config, request: new Request('http://localhost:3000/api/products', { headers: caller.headers }) })

  for (const kind of ['superAdmin', 'adminA', 'multi', 'multiNamed', 'storefront', 'apiKey', 'anonymous']) {
    it(`${kind}: scope, access, readOwnTenants, database context, RLS rows, gates and REST answer one set`, async () => {
      const caller = callers[kind]
      const want = expected[kind]
      const req = await requestOf(caller)
      const scope = await scopeOf(req)
      expect(scope.kind, caller.label).toBe(want.scope)

      const access = tenantsOfAccess(await tenantScoped('products', 'read')({ req }), names)
      const context = dbContextFor(req)
      const db = context.bypass ? 'all' : named(context.tenantIds, names)
      const rows = named(
        (await runSql(req, sql`select distinct tenant_id from products`)).map((r) => String(r.tenant_id)),
        names,
      )
      const gates = named(quotasHost.tenancy.requestTenants(req), names)
      const rest = await api('GET', '/products?limit=100&depth=0', { headers: caller.headers })
      const restTenants = named(
        (rest.body.docs ?? []).map((p: { tenant: string }) => p.tenant),
        names,
      )

      expect({ access, db, gates }, caller.label).toEqual({ access: want.access, db: want.db, gates: want.gates })
      // The database shows exactly its context's tenants (every shop has a product).
      expect(rows, caller.label).toEqual(db === 'all' ? ['A', 'B', 'S'] : db)
      // REST answers what access allows; access never exceeds the database's set.
      expect(restTenants, caller.label).toEqual(access === 'all' ? ['A', 'B', 'S'] : access)
      if (Array.isArray(access) && Array.isArray(db))
        expect(
          access.every((t) => db.includes(t)),
          caller.label,
        ).toBe(true)
      // Staff-only records (usage ledger etc.) follow the same scope; storefronts read none.
      const own = tenantsOfAccess(await readOwnTenants()({ req }), names)
      expect(own, caller.label).toEqual(scope.kind === 'tenants' && !scope.userId ? [] : want.access)
    })
  }
})
