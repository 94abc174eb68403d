import { describe, expect, it } from 'vitest'

/**
 * Next.js bundles server code twice (API routes, admin pages), so a module can exist in two
 * copies in one process. The tenant context entered through one copy must be seen through the
 * other — the database pool is created by whichever copy loaded the config first.
 */
/** The module evaluated again (a query string makes the loader treat it as another module). */
const secondCopy = <T>(path: string): Promise<T> => import(/* @vite-ignore */ `${path}?second-copy`)

describe('per-process state across module copies', () => {
  it('a database context entered in one copy of src/db/rls/context is seen by another copy', async () => {
    const a = await import('../../src/db/rls/context')
    const b = await secondCopy<typeof a>('../../src/db/rls/context.ts')
    expect(b).not.toBe(a)
    const seen = a.runWithDbContext(a.tenantsContext(['11111111-1111-4111-8111-111111111111']), () => b.activeDbContext())
    expect(seen?.tenantIds).toEqual(['11111111-1111-4111-8111-111111111111'])
  })

  it('a tenant scope entered in one copy of src/tenancy/request-context is seen by another copy', async () => {
    const a = await import('../../src/tenancy/request-context')
    const b = await secondCopy<typeof a>('../../src/tenancy/request-context.ts')
    const seen = a.runWithTenant({ tenantId: '22222222-2222-4222-8222-222222222222', via: 'job' }, () => b.currentTenant())
    expect(seen?.tenantId).toBe('22222222-2222-4222-8222-222222222222')
  })
})
