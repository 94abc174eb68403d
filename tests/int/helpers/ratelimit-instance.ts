/**
 * Another app instance for tests/int/ratelimit-instances.test.ts, in its own Node process
 * (started by jobs-instances.ts' startInstance(ENTRY)): it loads the real Payload config and
 * answers HTTP requests through the app's REST route module (route-modules.ts), as a second server behind the
 * same load balancer would. Commands, one a line on stdin:
 *   hit <count> <ip> <atMs>   at that wall-clock time, <count> concurrent
 *                             GET /api/tenants/slug-available from client <ip>
 *   exit
 * Answers `@@ {"event": "hits", "statuses": [...]}`.
 */
import readline from 'node:readline'
import { getPayload } from 'payload'

import config from '../../../payload.config'
import { closePayload } from '../../../src/db/close-payload'
import { loadRouteModules } from './route-modules'

const say = (event: Record<string, unknown>) => process.stdout.write(`@@ ${JSON.stringify(event)}\n`)
const until = (atMs: string | undefined) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(atMs ?? 0) - Date.now())))

const payload = await getPayload({ config })
const { GET: get } = (await loadRouteModules()).rest
say({ event: 'ready', pid: process.pid })

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, ...args] = line.trim().split(/\s+/)
  try {
    if (command === 'hit') {
      const [count, ip, at] = args
      await until(at)
      const hit = async () => {
        const request = new Request('http://localhost/api/tenants/slug-available?slug=shared-counter', { headers: { 'x-forwarded-for': ip } })
        const response = await get(request, { params: Promise.resolve({ slug: ['tenants', 'slug-available'] }) })
        return response.status
      }
      say({ event: 'hits', pid: process.pid, statuses: await Promise.all(Array.from({ length: Number(count) }, hit)) })
    } else if (command === 'exit') {
      break
    }
  } catch (error) {
    say({ event: 'error', pid: process.pid, message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) })
  }
}
await closePayload(payload)
process.exit(0)
