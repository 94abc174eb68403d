/**
 * An app instance serving HTTP on a loopback port, in its own Node process (started by
 * jobs-instances.ts' startInstance(ENTRY, env)): the real Payload config and the REST and GraphQL
 * route modules production mounts (route-modules.ts), behind a plain node:http server.
 * Its own environment decides which database it reaches (tests/int/database-outage.test.ts points
 * it at a proxy it can cut), and a crash of this process is a failed request, as in production.
 * Says `@@ {"event": "ready", "port": …}`; `exit` on stdin stops it.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import readline from 'node:readline'
import { getPayload } from 'payload'

import config from '../../../payload.config'
import { closePayload } from '../../../src/db/close-payload'
import { loadRouteModules } from './route-modules'

const say = (event: Record<string, unknown>) => process.stdout.write(`@@ ${JSON.stringify(event)}\n`)

const payload = await getPayload({ config })
const { rest, graphql } = await loadRouteModules()

const readBody = async (incoming: http.IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> => {
  const chunks: Buffer[] = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  return chunks.length ? Uint8Array.from(Buffer.concat(chunks)) : undefined
}

async function answer(incoming: http.IncomingMessage): Promise<Response> {
  const url = new URL(incoming.url ?? '/', 'http://localhost')
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value)
  const method = (incoming.method ?? 'GET').toUpperCase()
  const request = new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : await readBody(incoming) })
  if (url.pathname === '/api/graphql') return method === 'POST' ? graphql.POST(request) : new Response(null, { status: 405 })
  const slug = url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
  const handler = rest[method as keyof typeof rest]
  if (!handler) return new Response(null, { status: 405 })
  return handler(request, { params: Promise.resolve({ slug }) })
}

const server = http.createServer((incoming, outgoing) => {
  answer(incoming).then(
    async (response) => {
      outgoing.writeHead(response.status, Object.fromEntries(response.headers))
      outgoing.end(Buffer.from(await response.arrayBuffer()))
    },
    // Nothing may escape the route handlers; if something does, it is not a 503.
    (error: unknown) => {
      console.error('escaped the route handler:', error)
      outgoing.writeHead(599).end()
    },
  )
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
say({ event: 'ready', pid: process.pid, port: (server.address() as AddressInfo).port })

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.trim() === 'exit') break
}
server.close()
await closePayload(payload)
process.exit(0)
