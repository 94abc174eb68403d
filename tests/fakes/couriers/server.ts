import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The HTTP plumbing the three courier fakes share: a loopback server under a path prefix, a call
 * log, and the faults a test injects (the next n answers, a 429 burst, a per-minute limit,
 * the courier going down). Each fake supplies `route` (the contract) and its 429 shape.
 */

/** One request as the fake saw it (headers lower-cased, path without the prefix). */
export type CourierCall = { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: unknown; at: number }

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> }

export type FaultControls = {
  /** The next `n` requests get this answer instead (logged, never routed). */
  failNext(n: number, reply: Reply): void
  /** The next `n` requests get the provider's 429. */
  rateLimitBurst(n: number): void
  /** Calls beyond `limit` in any 60 s window get the provider's 429 (null: no limit). */
  setPerMinute(limit: null | number): void
  /** 'refuse': the port stops listening (connection refused); '503': every request answers 503. */
  down(mode?: '503' | 'refuse'): Promise<void>
  up(): Promise<void>
}

export type CourierServer = FaultControls & {
  /** http://127.0.0.1:PORT + prefix. */
  url: string
  origin: string
  calls: CourierCall[]
  close(): Promise<void>
}

export type CourierServerOptions = {
  prefix: string
  route: (call: CourierCall) => Promise<Reply> | Reply
  /** The provider's 429 (with or without Retry-After). */
  rateLimitReply: () => Reply
  perMinute?: null | number
  /** A fixed loopback port (an app started beforehand points at it); default: one the OS picks. */
  port?: number
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function parse(raw: string): unknown {
  if (raw.trim() === '') return null
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body)
  res.writeHead(reply.status, { ...(text ? { 'content-type': 'application/json' } : {}), ...reply.headers })
  res.end(text)
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/** Starts a courier fake's server on 127.0.0.1, on `options.port` or a random port. */
export async function startCourierServer(options: CourierServerOptions): Promise<CourierServer> {
  const calls: CourierCall[] = []
  const injected: Reply[] = []
  let burst = 0
  let perMinute = options.perMinute ?? null
  let mode: 'up' | '503' | 'refuse' = 'up'
  const stamps: number[] = []

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
    const inPrefix = url.pathname === options.prefix || url.pathname.startsWith(options.prefix + '/')
    const call: CourierCall = {
      method: req.method ?? 'GET',
      path: inPrefix ? url.pathname.slice(options.prefix.length) || '/' : url.pathname,
      query: url.searchParams,
      headers,
      body: parse(await readBody(req)),
      at: Date.now(),
    }
    calls.push(call)
    const now = Date.now()
    stamps.push(now)
    while (stamps.length > 0 && stamps[0] <= now - 60_000) stamps.shift()
    if (mode === '503') return send(res, { status: 503, body: { message: 'Service Unavailable' } })
    const next = injected.shift()
    if (next) return send(res, next)
    if (burst > 0) {
      burst--
      return send(res, options.rateLimitReply())
    }
    if (perMinute !== null && stamps.length > perMinute) return send(res, options.rateLimitReply())
    if (!inPrefix) return send(res, { status: 404, body: { message: 'Not Found' } })
    send(res, await options.route(call))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, { status: 500, body: { message: `fake crashed: ${(error as Error).message}` } }))
  })
  const port = await listen(server, options.port ?? 0)
  const origin = `http://127.0.0.1:${port}`

  return {
    url: origin + options.prefix,
    origin,
    calls,
    failNext(n, reply) {
      for (let i = 0; i < n; i++) injected.push(reply)
    },
    rateLimitBurst(n) {
      burst += n
    },
    setPerMinute(limit) {
      perMinute = limit
    },
    async down(how = 'refuse') {
      if (how === 'refuse' && mode !== 'refuse') await stop(server)
      if (how === '503' && mode === 'refuse') await listen(server, port)
      mode = how
    },
    async up() {
      if (mode === 'refuse') await listen(server, port)
      mode = 'up'
    },
    async close() {
      if (mode !== 'refuse') await stop(server)
    },
  }
}
