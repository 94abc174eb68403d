import path from 'node:path'

import { clusterPassword } from '../../src/db/embedded-postgres'
import { PLATFORM_ROLE, RUNTIME_ROLE, withRole } from '../../src/db/roles'
import { startHaproxy } from './haproxy'
import { freePort, startProcess, waitForHttp, type Proc } from './processes'
import { startRedis } from './redis-server'

/**
 * Several production app instances (`tsx src/cli/index.ts start`, i.e. `npm start`: migrations,
 * then `next start` of the build in .next) on one PostgreSQL and one Redis, behind haproxy —
 * the shape of a scaled-out deployment, on loopback. Used by tests/e2e/scale-out.spec.ts and
 * bench/scale. Needs `next build` first, and Debian's redis-server and haproxy.
 */
export type Database = { url: string; migrateUrl: string; platformUrl: string }

export type App = { name: string; url: string; port: number; proc: Proc }

export type Cluster = {
  /** haproxy's address: what clients use. */
  url: string
  apps: App[]
  redisUrl: string
  /** Start instance `name` again (after a kill) on its port. */
  restart: (name: string) => Promise<App>
  stop: () => Promise<void>
}

/** The URLs of an embedded cluster's three roles (passwords kept beside its directory: src/db/embedded-postgres.ts). */
export function embeddedDatabase(dataDir: string, port: number, database = 'emerkater'): Database {
  const owner = `postgres://postgres:${encodeURIComponent(clusterPassword(dataDir))}@127.0.0.1:${port}/${database}`
  return {
    migrateUrl: owner,
    url: withRole(owner, RUNTIME_ROLE, clusterPassword(dataDir, 'app-password')),
    platformUrl: withRole(owner, PLATFORM_ROLE, clusterPassword(dataDir, 'platform-password')),
  }
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')

async function startApp(name: string, port: number, env: NodeJS.ProcessEnv): Promise<App> {
  const proc = startProcess(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/index.ts', 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: root,
    env: { ...env, PORT: String(port), INSTANCE_NAME: name },
  })
  const url = `http://127.0.0.1:${port}`
  await waitForHttp(`${url}/api/health`, 180_000, proc)
  return { name, url, port, proc }
}

export async function startCluster(options: { database: Database; instances?: number; env?: Record<string, string>; redis?: boolean }): Promise<Cluster> {
  const redis = options.redis === false ? null : await startRedis()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: options.database.url,
    DATABASE_MIGRATE_URL: options.database.migrateUrl,
    DATABASE_PLATFORM_URL: options.database.platformUrl,
    REDIS_URL: redis?.url ?? '',
    RUN_SCHEDULES: '1',
    ...options.env,
  }
  const ports = await Promise.all(Array.from({ length: options.instances ?? 2 }, () => freePort()))
  const apps: App[] = []
  try {
    // One after the other: each runs the migrations first (nothing to do after the first).
    for (const [i, port] of ports.entries()) apps.push(await startApp(`app${i + 1}`, port, env))
    const proxy = await startHaproxy(apps.map((app) => ({ name: app.name, port: app.port })))
    return {
      url: proxy.url,
      apps,
      redisUrl: redis?.url ?? '',
      restart: async (name) => {
        const index = apps.findIndex((app) => app.name === name)
        await apps[index].proc.kill()
        apps[index] = await startApp(name, apps[index].port, env)
        return apps[index]
      },
      stop: async () => {
        await proxy.stop()
        await Promise.all(apps.map((app) => app.proc.stop()))
        await redis?.stop()
      },
    }
  } catch (error) {
    await Promise.all(apps.map((app) => app.proc.kill()))
    await redis?.stop()
    throw error
  }
}

/** The JSON log lines (pino) an instance printed that have `key`. */
export const logged = <T extends Record<string, unknown>>(app: App, key: string): T[] =>
  app.proc.lines.flatMap((line) => {
    if (!line.startsWith('{')) return []
    try {
      const entry = JSON.parse(line) as T
      return key in entry ? [entry] : []
    } catch {
      return []
    }
  })
