import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'

import { DatabaseStartError, findFreePort, startEmbeddedPostgres } from '../../src/db/embedded-postgres'

const isRoot = process.getuid?.() === 0
const temps: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emerkater-pgtest-'))
  temps.push(dir)
  return dir
}

/** Run the CLI the way `npm run migrate` does, without the test database's URL. */
const runCli = (env: Record<string, string>) => {
  const { DATABASE_URL: _omit, ...rest } = process.env
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'migrate'], {
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

const occupyPort = async () => {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as net.AddressInfo).port }
}

afterAll(() => {
  for (const dir of temps) {
    rmSync(dir, { recursive: true, force: true })
    rmSync(`${dir}.password`, { force: true })
    rmSync(`${dir}.app-password`, { force: true })
  }
})

describe('embedded PostgreSQL', () => {
  it('keeps its data: a second start on the same directory reuses it', async () => {
    const dataDir = tempDir()
    const port = await findFreePort()
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'reuse' })
    const client = new pg.Client(first.url)
    await client.connect()
    await client.query('create table kept (v text); insert into kept values ($1)', ['still here']).catch(async () => {
      await client.query('create table kept (v text)')
      await client.query(`insert into kept values ('still here')`)
    })
    await client.end()
    await first.stop()

    const second = await startEmbeddedPostgres({ dataDir, port, database: 'reuse' })
    const again = new pg.Client(second.url)
    await again.connect()
    const { rows } = await again.query('select v from kept')
    await again.end()
    await second.stop()
    expect(rows).toEqual([{ v: 'still here' }])
  })

  it('refuses a taken port with a clear error', async () => {
    const { server, port } = await occupyPort()
    try {
      const attempt = startEmbeddedPostgres({ dataDir: tempDir(), port, database: 'x' })
      await expect(attempt).rejects.toBeInstanceOf(DatabaseStartError)
      await expect(attempt).rejects.toThrow(`port ${port} is already in use`)
    } finally {
      server.close()
    }
  })

  it('the CLI reports a taken port as one error line, no stack trace', async () => {
    const { server, port } = await occupyPort()
    try {
      const result = runCli({ EMBEDDED_PG_DIR: tempDir(), EMBEDDED_PG_PORT: String(port) })
      expect(result.status).toBe(1)
      const lines = result.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'))
      expect(lines).toEqual([`error: port ${port} is already in use; stop whatever listens there or set EMBEDDED_PG_PORT to another port`])
    } finally {
      server.close()
    }
  })

  it('the CLI reports an unwritable data directory as one error line', async () => {
    const blocker = path.join(tempDir(), 'a-file')
    writeFileSync(blocker, '')
    const result = runCli({ EMBEDDED_PG_DIR: path.join(blocker, 'pg'), EMBEDDED_PG_PORT: String(await findFreePort()) })
    expect(result.status).toBe(1)
    const lines = result.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^error: the data directory .* is not writable/)
  })

  it.runIf(isRoot)('as root, says when the postgres OS user cannot reach the data directory', async () => {
    const locked = path.join(tempDir(), 'locked')
    mkdirSync(locked)
    chmodSync(locked, 0o700)
    const attempt = startEmbeddedPostgres({ dataDir: path.join(locked, 'pg'), port: await findFreePort(), database: 'x' })
    await expect(attempt).rejects.toThrow(/cannot enter .*locked/)
  })
})
