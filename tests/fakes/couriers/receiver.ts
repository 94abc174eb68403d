import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for the app's webhook endpoint in adapter tests: a loopback server that hands each
 * request (lower-cased headers, query, parsed JSON body) to `handle` and writes back what it
 * returns — so a fake courier's webhook goes through real HTTP to an adapter's authenticate /
 * parseWebhook / reply.
 */

export type ReceivedRequest = { headers: Record<string, string>; query: URLSearchParams; body: unknown; raw: string }
export type ReceiverReply = { status: number; headers?: Record<string, string>; body: unknown }

export type WebhookReceiver = { url: string; received: ReceivedRequest[]; close(): Promise<void> }

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startWebhookReceiver(handle: (request: ReceivedRequest) => Promise<ReceiverReply> | ReceiverReply): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = []
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req)
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
      let body: unknown = raw
      try {
        body = JSON.parse(raw)
      } catch {
        // a malformed body reaches the handler as text
      }
      const request: ReceivedRequest = { headers, query: new URL(req.url ?? '/', 'http://127.0.0.1').searchParams, body, raw }
      received.push(request)
      const reply = await handle(request)
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
      res.end(JSON.stringify(reply.body))
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: (error as Error).message }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
