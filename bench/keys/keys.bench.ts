import { performance } from 'node:perf_hooks'
import type { Field, Payload } from 'payload'
import { expect, it } from 'vitest'

import { TENANT_CRYPTO_HOOKS } from '../../hooks/tenantEncrypted'
import { asSystem, createTenant } from '../../tests/int/helpers/factories'
import { freshPayload, ownerPool } from '../../tests/int/helpers/payload'
import { median } from '../rls/seed'

/**
 * What per-tenant encryption (src/tenancy/tenant-keys.ts, hooks/tenantEncrypted.ts) costs the
 * customers collection, measured in one run against one database: a list of CUSTOMERS customers
 * (depth 0, their address lines and notes decrypted) and a create (encrypt, blind indexes), with
 * the crypto hooks in place ("encrypted") and removed from the running config ("plaintext"),
 * interleaved round by round. Prints medians and ratios; asserts only sanity facts, never timings.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const CUSTOMERS = env('BENCH_KEYS_CUSTOMERS', 200)
const ROUNDS = env('BENCH_KEYS_ROUNDS', 15)
const CREATES_PER_ROUND = env('BENCH_KEYS_CREATES_PER_ROUND', 2)

type Hooked = { hooks?: Record<string, unknown[] | undefined>; fields?: Field[] }

/** Every hooks array of the collection and its fields, with and without the crypto hooks. */
function hookSwitch(payload: Payload, slug: 'customers') {
  const arrays: { owner: Record<string, unknown[] | undefined>; name: string; all: unknown[]; plain: unknown[] }[] = []
  const visit = (node: Hooked) => {
    for (const [name, list] of Object.entries(node.hooks ?? {}))
      if (Array.isArray(list) && list.some((h) => TENANT_CRYPTO_HOOKS.has(h as object))) arrays.push({ owner: node.hooks!, name, all: list, plain: list.filter((h) => !TENANT_CRYPTO_HOOKS.has(h as object)) })
    for (const child of node.fields ?? []) visit(child as Hooked)
  }
  visit(payload.collections[slug].config)
  return (encrypted: boolean) => arrays.forEach((a) => (a.owner[a.name] = encrypted ? a.all : a.plain))
}

const phone = (n: number) => `+88017${String(n).padStart(8, '0')}`
const customer = (tenant: string, n: number) => ({
  tenant,
  name: `Customer ${n}`,
  phone: phone(n),
  email: `c${n}@example.com`,
  notes: 'Call after 6 pm; gate code 4411',
  addresses: [{ line1: `House ${n}, Road 5`, line2: 'Flat 3B', city: 'Dhaka' }],
})

it(`per-tenant encryption costs a ${CUSTOMERS}-customer list and a create (encrypted vs plaintext, interleaved)`, async () => {
  const payload = await freshPayload()
  const use = hookSwitch(payload, 'customers')
  const shops = { encrypted: await createTenant(payload), plaintext: await createTenant(payload) }
  let n = 0
  const create = (mode: keyof typeof shops) => {
    use(mode === 'encrypted')
    return asSystem(() => payload.create({ collection: 'customers', data: customer(shops[mode].id, n++), overrideAccess: true, depth: 0 }))
  }
  for (let i = 0; i < CUSTOMERS; i++) for (const mode of ['encrypted', 'plaintext'] as const) await create(mode)
  const stored = await ownerPool().query(`select count(*) filter (where notes like 'v1:tk1:%')::int as encrypted, count(*)::int as total from customers`)
  expect(stored.rows[0]).toEqual({ encrypted: CUSTOMERS, total: 2 * CUSTOMERS })

  const times: Record<string, number[]> = { 'list encrypted': [], 'list plaintext': [], 'create encrypted': [], 'create plaintext': [] }
  const time = async (label: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now()
    await fn()
    times[label].push(performance.now() - t0)
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? (['plaintext', 'encrypted'] as const) : (['encrypted', 'plaintext'] as const)
    for (const mode of order) {
      use(mode === 'encrypted')
      await time(`list ${mode}`, async () => {
        const { docs } = await asSystem(() => payload.find({ collection: 'customers', where: { tenant: { equals: shops[mode].id } }, limit: CUSTOMERS, depth: 0, overrideAccess: true }))
        expect(docs[0].notes).toBe('Call after 6 pm; gate code 4411')
      })
    }
    for (let i = 0; i < CREATES_PER_ROUND; i++) for (const mode of order) await time(`create ${mode}`, () => create(mode))
  }
  use(true)

  console.log(`\nper-tenant keys: ${CUSTOMERS} customers per shop, ${ROUNDS} rounds`)
  for (const [label, list] of Object.entries(times)) console.log(`  ${label.padEnd(18)} median ${median(list).toFixed(2)} ms (n=${list.length})`)
  const ratio = (what: string) => median(times[`${what} encrypted`]) / median(times[`${what} plaintext`])
  console.log(`  ratio list   (encrypted / plaintext): ${ratio('list').toFixed(2)}`)
  console.log(`  ratio create (encrypted / plaintext): ${ratio('create').toFixed(2)}`)
  expect(ratio('list')).toBeGreaterThan(0)
})
