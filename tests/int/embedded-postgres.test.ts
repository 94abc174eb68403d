import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'

import { chooseClusterDir, clusterName } from '../../src/db/cluster-dir'
import { DatabaseStartError, findFreePort, startEmbeddedPostgres } from '../../src/db/embedded-postgres'
import { packagedBinaries, postgresOsUser, reachableBinaries } from '../../src/db/postgres-os-user'

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

/** A directory only root can enter (like root's home), and a state root the postgres user can reach. */
const reachableDir = () => {
  const dir = tempDir()
  chmodSync(dir, 0o755)
  return dir
}
const lockedDir = () => {
  const dir = path.join(reachableDir(), 'locked')
  mkdirSync(dir, { mode: 0o700 })
  chmodSync(dir, 0o700)
  return dir
}

/** Write a row, stop, start again on the same directory, and read it back. */
async function keepsData(dataDir: string, port: number): Promise<unknown[]> {
  const first = await startEmbeddedPostgres({ dataDir, port, database: 'reuse' })
  try {
    const client = new pg.Client(first.url)
    await client.connect()
    await client.query('create table kept (v text)')
    await client.query(`insert into kept values ('still here')`)
    await client.end()
  } finally {
    await first.stop()
  }
  const second = await startEmbeddedPostgres({ dataDir, port, database: 'reuse' })
  try {
    const again = new pg.Client(second.url)
    await again.connect()
    const { rows } = await again.query('select v from kept')
    await again.end()
    return rows
  } finally {
    await second.stop()
  }
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
    rmSync(`${dir}.platform-password`, { force: true })
  }
})

describe('embedded PostgreSQL', () => {
  it('keeps its data: a second start on the same directory reuses it', async () => {
    expect(await keepsData(tempDir(), await findFreePort())).toEqual([{ v: 'still here' }])
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
    const locked = lockedDir()
    const attempt = startEmbeddedPostgres({ dataDir: path.join(locked, 'pg'), port: await findFreePort(), database: 'x' })
    await expect(attempt).rejects.toThrow(/cannot enter .*locked/)
  })

  it('uses .data/postgres when the server can reach it (always, when not root)', () => {
    const projectRoot = reachableDir()
    const chosen = chooseClusterDir({ projectRoot, user: postgresOsUser(), stateRoots: [reachableDir()] })
    expect(chosen).toEqual({ dataDir: path.join(projectRoot, '.data', 'postgres') })
  })

  it.runIf(isRoot)('as root in a folder the postgres user cannot enter, puts the cluster under the state root, named after the project, and reuses it', async () => {
    const user = postgresOsUser()!
    const projectRoot = path.join(lockedDir(), 'shop')
    mkdirSync(projectRoot)
    const stateRoot = reachableDir()
    const chosen = chooseClusterDir({ projectRoot, user, stateRoots: [stateRoot] })
    expect(chosen.dataDir).toBe(path.join(stateRoot, clusterName(projectRoot)))
    expect(path.basename(chosen.dataDir)).toMatch(/^shop-[0-9a-f]{12}$/)
    expect(chosen.relocated).toContain(`cannot enter ${path.dirname(projectRoot)}`)
    expect(chosen.relocated).toContain(chosen.dataDir)
    expect(readFileSync(`${chosen.dataDir}.project`, 'utf8').trim()).toBe(projectRoot)

    // The server starts there, and a second start (same choice) finds the data of the first.
    expect(await keepsData(chosen.dataDir, await findFreePort())).toEqual([{ v: 'still here' }])
    expect(statSync(chosen.dataDir).uid).toBe(user.uid)
    expect(statSync(`${chosen.dataDir}.password`).mode & 0o077).toBe(0)
    expect(chooseClusterDir({ projectRoot, user, stateRoots: [stateRoot] }).dataDir).toBe(chosen.dataDir)

    // Stable: still there once the project folder becomes reachable; another clone gets its own.
    chmodSync(path.dirname(projectRoot), 0o755)
    const later = chooseClusterDir({ projectRoot, user, stateRoots: [stateRoot] })
    expect(later.dataDir).toBe(chosen.dataDir)
    expect(later.relocated).toContain('was created there')
    const other = path.join(lockedDir(), 'shop')
    mkdirSync(other)
    expect(chooseClusterDir({ projectRoot: other, user, stateRoots: [stateRoot] }).dataDir).not.toBe(chosen.dataDir)
  })

  it.runIf(isRoot)('as root, refuses a state root that others may write to', () => {
    const user = postgresOsUser()!
    const projectRoot = path.join(lockedDir(), 'shop')
    const planted = reachableDir()
    chmodSync(planted, 0o777)
    const fallback = reachableDir()
    expect(path.dirname(chooseClusterDir({ projectRoot, user, stateRoots: [planted, fallback] }).dataDir)).toBe(fallback)
  })

  it.runIf(isRoot)('as root, an explicit EMBEDDED_PG_DIR out of reach is not moved: the CLI says why in one line', async () => {
    const locked = lockedDir()
    expect(chooseClusterDir({ projectRoot: reachableDir(), explicit: path.join(locked, 'pg'), user: postgresOsUser() }).dataDir).toBe(path.join(locked, 'pg'))
    const result = runCli({ EMBEDDED_PG_DIR: path.join(locked, 'pg'), EMBEDDED_PG_PORT: String(await findFreePort()) })
    expect(result.status).toBe(1)
    const lines = result.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'))
    expect(lines).toEqual([`error: the embedded PostgreSQL runs as the OS user "postgres", which cannot enter ${locked}; run "chmod o+x ${locked}" or set EMBEDDED_PG_DIR to a directory it can reach`])
  })

  it.runIf(isRoot)('as root, runs server binaries the postgres user cannot reach from a copy it can', async () => {
    const user = postgresOsUser()!
    const packaged = await packagedBinaries()
    const pkg = path.join(lockedDir(), 'embedded-postgres-linux')
    cpSync(packaged.nativeDir, path.join(pkg, 'native'), { recursive: true, verbatimSymlinks: true })
    const locked = { nativeDir: path.join(pkg, 'native'), version: 'copy-test', postgres: path.join(pkg, 'native/bin/postgres'), initdb: path.join(pkg, 'native/bin/initdb') }
    expect(reachableBinaries(user, packaged, () => undefined)).toBeUndefined() // the project's own are reachable here

    const cache = reachableDir()
    const binaries = reachableBinaries(user, locked, () => cache)!
    expect(binaries.postgres).toBe(path.join(cache, 'postgresql-copy-test', 'bin', 'postgres'))
    const version = spawnSync(binaries.postgres, ['--version'], { uid: user.uid, gid: user.gid, encoding: 'utf8' })
    expect(version.stdout).toMatch(/PostgreSQL\) \d+/)
    const copiedAt = statSync(binaries.postgres).ino
    expect(statSync(reachableBinaries(user, locked, () => cache)!.postgres).ino).toBe(copiedAt) // copied once
    expect(() => reachableBinaries(user, locked, () => undefined)).toThrow(/cannot enter .*locked/)
  })
})
