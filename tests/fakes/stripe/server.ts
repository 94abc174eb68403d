import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defaultErrorFor, envelope, invalid, StripeFakeError, type StripeErrorBody } from './errors'
import { parseForm, type Params } from './form'
import { clone, newId, type Obj } from './store'
import { type Webhooks } from './webhooks'

/**
 * The fake's HTTP plumbing: `/v1/…` is the API (auth, form bodies, `Request-Id`, idempotency,
 * `expand`, error envelopes, faults, the call log); everything else is the fake's own pages
 * (checkout, portal, hosted invoices).
 */

export type ApiRequest = { method: string; path: string; params: Params; headers: Record<string, string>; requestId: string; idempotencyKey: null | string }
export type ApiRoute = { method: 'DELETE' | 'GET' | 'POST'; path: RegExp; handle: (req: ApiRequest, match: string[]) => object }
export type PageReply = { status: number; html?: string; body?: Buffer | string; headers?: Record<string, string> }
export type PageRoute = { method: 'GET' | 'POST'; path: RegExp; handle: (params: Params, match: string[]) => Promise<PageReply> | PageReply }

/** One API request as the fake saw it (headers lower-cased; `params` is the parsed body, or the query of a GET/DELETE). */
export type StripeCall = { method: string; path: string; params: Params; headers: Record<string, string>; status: number; requestId: string; replayed: boolean; at: number }

export type FaultMatch = { method?: string; path?: RegExp | string }

export type FaultControls = {
  /** The next `n` API requests (matching `match`, if given) answer `status` with Stripe's envelope (`error` overrides the default for the status). */
  failNext(n: number, status: number, error?: Partial<StripeErrorBody>, match?: FaultMatch): void
  /** 'refuse' (default): the port stops listening; '503': every API request answers 503 api_error. */
  down(mode?: '503' | 'refuse'): Promise<void>
  up(): Promise<void>
}

export type StripeServer = FaultControls & { origin: string; calls: StripeCall[]; close(): Promise<void> }

export type StripeServerOptions = { apiKeys: string[]; routes: ApiRoute[]; pages: PageRoute[]; hooks: Webhooks; lookup: (id: string) => Obj | undefined; port?: number }

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
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

/** The key of `Authorization: Bearer sk_…` or of basic auth `sk_…:`. */
function apiKeyOf(header: string | undefined): null | string {
  if (!header) return null
  const [scheme, value = ''] = header.split(' ')
  if (/^bearer$/i.test(scheme)) return value.trim() || null
  if (/^basic$/i.test(scheme)) return Buffer.from(value, 'base64').toString('utf8').split(':')[0] || null
  return null
}

/** The route for `method path` and its match. */
function pick<R extends { method: string; path: RegExp }>(routes: R[], method: string, path: string): [R, RegExpExecArray] | [undefined, undefined] {
  for (const r of routes) {
    const m = r.method === method ? r.path.exec(path) : null
    if (m) return [r, m]
  }
  return [undefined, undefined]
}

/** Replaces ids by objects along `expand` paths (`subscription`, `subscription.latest_invoice`, `data.customer`); 400 for a field that cannot be expanded. */
function expandInto(node: unknown, path: string[], full: string, lookup: (id: string) => Obj | undefined): unknown {
  if (node === null || typeof node !== 'object') return node
  const record = node as Record<string, unknown>
  const [head, ...rest] = path
  if (head === 'data' && record.object === 'list' && Array.isArray(record.data)) {
    record.data = record.data.map((x) => (rest.length ? expandInto(x, rest, full, lookup) : x))
    return record
  }
  if (!(head in record)) throw invalid(`This property cannot be expanded (${full}).`, 'expand')
  let value = record[head]
  if (typeof value === 'string') {
    const obj = lookup(value)
    if (!obj) throw invalid(`This property cannot be expanded (${full}).`, 'expand')
    value = clone(obj)
  } else if (value !== null && typeof value !== 'object') throw invalid(`This property cannot be expanded (${full}).`, 'expand')
  record[head] = rest.length ? expandInto(value, rest, full, lookup) : value
  return record
}

export async function startStripeServer(options: StripeServerOptions): Promise<StripeServer> {
  const calls: StripeCall[] = []
  const faults: { status: number; error: StripeErrorBody; match?: FaultMatch }[] = []
  const idempotent = new Map<string, { fingerprint: string; status: number; text: string }>()
  let mode: '503' | 'refuse' | 'up' = 'up'

  const matches = (m: FaultMatch | undefined, method: string, path: string) =>
    !m || ((!m.method || m.method.toUpperCase() === method) && (!m.path || (typeof m.path === 'string' ? m.path === path : m.path.test(path))))

  function api(method: string, path: string, params: Params, headers: Record<string, string>, requestId: string): { status: number; text: string; replayed?: boolean } {
    const fail = (status: number, error: StripeErrorBody) => ({ status, text: JSON.stringify(envelope(error, requestId), null, 2) })
    if (mode === '503') return fail(503, { type: 'api_error', message: 'The Stripe API is temporarily unavailable (fake down).' })
    const fault = faults.findIndex((f) => matches(f.match, method, path))
    if (fault >= 0) {
      const [f] = faults.splice(fault, 1)
      return fail(f.status, f.error)
    }
    const key = apiKeyOf(headers.authorization)
    if (!key)
      return fail(401, {
        type: 'invalid_request_error',
        message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      })
    if (!options.apiKeys.includes(key)) return fail(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}` })
    const [route, match] = pick(options.routes, method, path)
    if (!route || !match)
      return fail(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` })
    const idemKey = method === 'POST' ? (headers['idempotency-key'] ?? null) : null
    const fingerprint = JSON.stringify([method, path, params])
    if (idemKey) {
      const saved = idempotent.get(`${key} ${idemKey}`)
      if (saved && saved.fingerprint !== fingerprint)
        return fail(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
        })
      if (saved) return { status: saved.status, text: saved.text, replayed: true }
    }
    options.hooks.request = { id: requestId, idempotency_key: idemKey }
    let reply: { status: number; text: string }
    try {
      const body = clone(route.handle({ method, path, params, headers, requestId, idempotencyKey: idemKey }, match))
      const expand = params.expand
      const paths = Array.isArray(expand) ? expand : typeof expand === 'string' ? [expand] : []
      for (const p of paths) if (typeof p === 'string') expandInto(body, p.split('.'), p, options.lookup)
      reply = { status: 200, text: JSON.stringify(body, null, 2) }
    } catch (error) {
      if (!(error instanceof StripeFakeError)) reply = fail(500, { type: 'api_error', message: `fake stripe crashed: ${(error as Error).message}` })
      else reply = fail(error.status, error.body)
    } finally {
      options.hooks.request = { id: null, idempotency_key: null }
    }
    if (idemKey && (reply.status === 200 || reply.status === 402)) idempotent.set(`${key} ${idemKey}`, { fingerprint, ...reply })
    return reply
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
    const raw = await readBody(req)
    const params = method === 'POST' ? parseForm(raw) : parseForm(url.search.slice(1))
    if (url.pathname.startsWith('/v1/')) {
      const requestId = newId('req', 14)
      const reply = api(method, url.pathname, params, headers, requestId)
      calls.push({ method, path: url.pathname, params, headers, status: reply.status, requestId, replayed: reply.replayed === true, at: Date.now() })
      if (headers['stripe-version']) options.hooks.apiVersion = headers['stripe-version']
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        'request-id': requestId,
        'stripe-version': options.hooks.apiVersion,
        ...(reply.replayed ? { 'idempotent-replayed': 'true' } : {}),
        ...(headers['idempotency-key'] && method === 'POST' ? { 'idempotency-key': headers['idempotency-key'] } : {}),
        ...(reply.status === 401 ? { 'www-authenticate': 'Basic realm="Stripe"' } : {}),
      })
      res.end(reply.text)
      return
    }
    const [page, match] = pick(options.pages, method, url.pathname)
    const reply: PageReply = page && match ? await page.handle(params, match) : { status: 404, html: '<h1>Not found</h1>' }
    res.writeHead(reply.status, { ...(reply.html !== undefined ? { 'content-type': 'text/html; charset=utf-8' } : {}), ...reply.headers })
    res.end(reply.html ?? reply.body ?? '')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify(envelope({ type: 'api_error', message: `fake stripe crashed: ${(error as Error).message}` })))
    })
  })
  const port = await listen(server, options.port ?? 0)
  return {
    origin: `http://127.0.0.1:${port}`,
    calls,
    failNext(n, status, error, match) {
      for (let i = 0; i < n; i++) faults.push({ status, error: { ...defaultErrorFor(status), ...error }, match })
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
