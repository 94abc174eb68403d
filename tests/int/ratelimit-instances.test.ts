import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { api } from './helpers/api'
import { setEnv } from './helpers/env'
import { startInstance, type Instance } from './helpers/jobs-instances'
import { freshPayload } from './helpers/payload'

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers/ratelimit-instance.ts')

type Hits = { event: 'hits'; pid: number; statuses: number[] }

/**
 * Two app instances (this test process and another Node process with its own Payload, its own
 * limiter and pool) count against the same PostgreSQL-backed counter: a client cannot double its
 * allowance by landing on both.
 */
describe('rate limits across app instances', () => {
  let other: Instance
  let restore: () => void

  beforeAll(async () => {
    await freshPayload()
    // Read at every request, here and (inherited at spawn) in the other instance.
    restore = setEnv({ RATE_LIMIT_SLUG_AVAILABLE: '6/60' })
    other = startInstance(ENTRY)
    await other.next('ready')
  })
  afterAll(async () => {
    await other?.stop()
    restore?.()
  })

  const here = (ip: string, n: number) => Promise.all(Array.from({ length: n }, () => api('GET', '/tenants/slug-available?slug=shared-counter', { headers: { 'x-forwarded-for': ip } }).then((r) => r.status)))
  const there = async (ip: string, n: number, at = Date.now()) => {
    other.send(`hit ${n} ${ip} ${at}`)
    return (await other.next<Hits>('hits')).statuses
  }

  it('one after the other: what one instance counted, the other sees', async () => {
    expect(await here('203.0.113.100', 4)).toEqual([200, 200, 200, 200])
    expect((await there('203.0.113.100', 3)).sort()).toEqual([200, 200, 429])
    expect(await here('203.0.113.100', 1)).toEqual([429])
    // Another client is untouched on both.
    expect(await there('203.0.113.101', 1)).toEqual([200])
  })

  it('at the same moment: 5 + 5 concurrent requests against 6 → exactly 6 served', async () => {
    const at = Date.now() + 300
    const [mine, theirs] = await Promise.all([new Promise((r) => setTimeout(r, at - Date.now())).then(() => here('203.0.113.102', 5)), there('203.0.113.102', 5, at)])
    const all = [...mine, ...theirs]
    expect(all.filter((s) => s === 200)).toHaveLength(6)
    expect(all.filter((s) => s === 429)).toHaveLength(4)
  })
})
