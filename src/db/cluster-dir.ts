import { createHash } from 'node:crypto'
import { existsSync, lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { firstUnreachable, type OsUser } from './postgres-os-user'

/**
 * Where clusters go when the project's own `.data/postgres` is out of the `postgres` OS user's
 * reach (as root, in a folder other users cannot enter). The system's state directory first: it
 * survives reboots and no tmp cleaner (systemd-tmpfiles ages out /tmp) removes a database that
 * was not touched for a while. The temp directory only when /var/lib cannot be used.
 */
export const STATE_ROOTS = ['/var/lib/e-merkater', path.join(os.tmpdir(), 'e-merkater')]

export const DEFAULT_CLUSTER_DIR = '.data/postgres'

export type ClusterDir = {
  dataDir: string
  /** Set when the cluster lives outside the project: what to tell the developer. */
  relocated?: string
}

const hasCluster = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'))

/**
 * The cluster's name outside the project: the project folder's name and a hash of its absolute
 * (real) path, so two clones never share a cluster and the same clone always finds its own.
 */
export function clusterName(projectRoot: string): string {
  const real = existsSync(projectRoot) ? realpathSync(projectRoot) : path.resolve(projectRoot)
  const base =
    path
      .basename(real)
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 40) || 'project'
  return `${base}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`
}

/**
 * A state root we (root) may keep clusters and their password files in: created 0755 when
 * missing; refused when it is a symlink, someone else's, or writable by others (a predictable
 * name under /tmp could have been planted), or out of `user`'s reach.
 */
function usableRoot(root: string, user: OsUser): boolean {
  try {
    mkdirSync(root, { recursive: true, mode: 0o755 })
    const stat = lstatSync(root)
    if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) return false
  } catch {
    return false
  }
  return firstUnreachable(user, path.join(root, 'x')) === null
}

/** The first usable state root (see usableRoot), if any. */
export const stateRoot = (user: OsUser, roots: string[] = STATE_ROOTS): string | undefined => roots.find((root) => usableRoot(root, user))

export type ChooseOptions = {
  projectRoot: string
  /** EMBEDDED_PG_DIR: used as given (relative to the project), reachable or not. */
  explicit?: string
  /** The `postgres` OS user the server runs as (null: not root, the server runs as us). */
  user: OsUser | null
  stateRoots?: string[]
}

/**
 * The embedded cluster's directory:
 * 1. EMBEDDED_PG_DIR when set (an unreachable one fails later with the clear message);
 * 2. `.data/postgres` when it holds a cluster, or when the server's OS user can reach it;
 * 3. otherwise `<state root>/<folder>-<hash of the project path>`, owned by that user — the one
 *    that already holds this project's cluster if any (so it stays put even if `.data` becomes
 *    reachable later), else in the first usable state root.
 * Its password files sit beside it (`<dir>.password`, …), and `<dir>.project` names the project.
 */
export function chooseClusterDir({ projectRoot, explicit, user, stateRoots = STATE_ROOTS }: ChooseOptions): ClusterDir {
  if (explicit) return { dataDir: path.resolve(projectRoot, explicit) }
  const own = path.resolve(projectRoot, DEFAULT_CLUSTER_DIR)
  if (!user || hasCluster(own)) return { dataDir: own }

  const name = clusterName(projectRoot)
  const existing = stateRoots.map((root) => path.join(root, name)).find(hasCluster)
  const blocked = firstUnreachable(user, path.dirname(own))
  if (!existing && !blocked) return { dataDir: own }

  const why = blocked ? `the OS user "postgres" the embedded PostgreSQL runs as cannot enter ${blocked}` : `it was created there while ${path.dirname(own)} was out of the "postgres" OS user's reach`
  const root = existing ? undefined : stateRoot(user, stateRoots)
  const dataDir = existing ?? (root ? path.join(root, name) : undefined)
  if (!dataDir) return { dataDir: own } // nowhere better: the start fails with the clear message
  if (!existing) writeFileSync(`${dataDir}.project`, `${path.resolve(projectRoot)}\n`, { mode: 0o644 })
  const volatile = dataDir.startsWith(os.tmpdir() + path.sep) ? ' (a temp directory: it may not survive a reboot)' : ''
  return {
    dataDir,
    relocated: `Embedded cluster of this project: ${dataDir}${volatile} — not ${DEFAULT_CLUSTER_DIR}, because ${why}. Set EMBEDDED_PG_DIR to choose another place.`,
  }
}
