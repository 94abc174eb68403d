import { describe, expect, it } from 'vitest'

/**
 * Next.js bundles server code twice (API routes, admin pages), so a module can exist in two
 * copies in one process. The tenant context entered through one copy must be seen through the
 * other — the database pool is created by whichever copy loaded the config first.
 */
describe('per-process state across module copies', () => {
  it('a database context entered in one copy of src/db/rls/context is seen by another copy', async () => {
    const a = await import('../../src/db/rls/context')
    // A query string makes the module loader evaluate the file again: a second copy, as Next's second bundle has.
    const b = (await import('../../src/db/rls/context.ts?second-copy')) as typeof a
    expect(b).not.toBe(a)
    const seen = a.runWithDbContext(a.tenantsContext(['11111111-1111-4111-8111-111111111111']), () => b.activeDbContext())
    expect(seen?.tenantIds).toEqual(['11111111-1111-4111-8111-111111111111'])
  })

  it('a tenant scope entered in one copy of src/tenancy/request-context is seen by another copy', async () => {
    const a = await import('../../src/tenancy/request-context')
    const b = (await import('../../src/tenancy/request-context.ts?second-copy')) as typeof a
    const seen = a.runWithTenant({ tenantId: '22222222-2222-4222-8222-222222222222', via: 'job' }, () => b.currentTenant())
    expect(seen?.tenantId).toBe('22222222-2222-4222-8222-222222222222')
  })
})
