import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { api, login } from './helpers/api'
import { createSuperAdmin, PASSWORD } from './helpers/factories'
import { startInstance, type Instance } from './helpers/jobs-instances'
import { freshPayload } from './helpers/payload'

const here = path.dirname(fileURLToPath(import.meta.url))
const ENTRY = path.join(here, 'helpers/http-instance.ts')
const CLI = path.join(here, '../../src/cli/selfcheck.ts')

/** `npm run selfcheck -- --url <base>` as a process of its own: its exit code and what it printed. */
const selfcheck = (base: string, env: Record<string, string> = {}) =>
  new Promise<{ code: null | number; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--url', base], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk) => (out += String(chunk)))
    child.stderr.on('data', (chunk) => (out += String(chunk)))
    child.on('exit', (code) => resolve({ code, out }))
  })

describe('npm run selfcheck against a started app over HTTP', () => {
  let instance: Instance
  let base: string
  let root: string

  beforeAll(async () => {
    const payload = await freshPayload()
    root = await login((await createSuperAdmin(payload)).email, PASSWORD)
    instance = startInstance(ENTRY)
    base = `http://127.0.0.1:${(await instance.next<{ event: 'ready'; pid: number; port: number }>('ready')).port}`
  })
  afterAll(async () => {
    await instance?.stop()
  })

  it('finds nothing, exits 0, and its run shows on the platform health page', async () => {
    const { code, out } = await selfcheck(base)
    expect(out).not.toMatch(/^FINDING/m)
    expect(out).toMatch(new RegExp(`^selfcheck ${base}: \\d+ checks, 0 findings`, 'm'))
    expect(out).toMatch(/reported to the platform health page/)
    expect(code).toBe(0)
    const { body } = await api('GET', '/platform-health', { token: root })
    expect(body.selfcheck).toMatchObject({ status: 'ok', summary: { target: base, findingCount: 0, findings: [] } })
  })

  it('says when its report is refused (a wrong secret), and exits 2 when nothing answers', async () => {
    const refused = await selfcheck(base, { SELFCHECK_SECRET: 'not-the-servers' })
    expect(refused.out).toMatch(/the report was refused \(401\)/)
    const down = await selfcheck('http://127.0.0.1:9')
    expect(down.code).toBe(2)
    expect(down.out).toMatch(/cannot be reached/)
  })
})
