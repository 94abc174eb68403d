import { createHash } from 'node:crypto'
import { expect } from 'vitest'

import * as graphqlRoute from '../../../src/app/(payload)/api/graphql/route'
import * as rest from '../../../src/app/(payload)/api/[...slug]/route'

/**
 * Calls the app's Next.js route modules themselves — what src/app/(payload)/api/[...slug]/route.ts
 * and api/graphql/route.ts export, so every request goes through the same wrappers as in
 * production (request scope, body guards, error bodies: src/http/route-handlers.ts) — with
 * standard Request objects: the whole REST/GraphQL stack, without a listening server.
 */
type Method = keyof typeof rest

/** The path's segments after /api/, decoded as Next.js hands them to `[...slug]` (a bad escape stays as it is). */
const slugOf = (url: URL): string[] =>
  url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })

/**
 * Hand `request` to the route module production mounts for its path, as Next.js would: a POST
 * to /api/graphql to api/graphql/route.ts, everything else to api/[...slug]/route.ts. The one
 * entry every helper here (and any test that needs the bare Response: files, zips) goes through.
 */
export async function route(request: Request): Promise<Response> {
  const url = new URL(request.url)
  if (url.pathname === '/api/graphql' && request.method === 'POST') return graphqlRoute.POST(request)
  const handler = rest[request.method as Method]
  if (!handler) return new Response(null, { status: 405 })
  return handler(request, { params: Promise.resolve({ slug: slugOf(url) }) })
}

export type ApiResponse<T = any> = { status: number; body: T }

type Options = { token?: string; body?: unknown; headers?: Record<string, string> }

/**
 * Each test is a client of its own: an address derived from the file and test name, sent the way
 * Next.js passes the socket's peer to route handlers (`X-Forwarded-For`, one untrusted hop; see
 * src/http/client-ip.ts). So the per-IP rate limits are in force in every test, and tests that
 * sign up or log in often do not share one counter. A test that sends its own
 * `X-Forwarded-For` is that client instead.
 */
export function testClientIp(): string {
  const { currentTestName, testPath } = expect.getState()
  const h = createHash('sha256')
    .update(`${testPath ?? ''}::${currentTestName ?? ''}`)
    .digest()
  return `10.${h[0]}.${h[1]}.${h[2]}`
}

const headersFor = ({ token, headers, body }: Options) => {
  const own = Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'x-forwarded-for')
  return {
    ...(own ? {} : { 'x-forwarded-for': testClientIp() }),
    ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
    ...(token ? { authorization: `JWT ${token}` } : {}),
    ...headers,
  }
}

export type ApiResponseWithHeaders<T = any> = ApiResponse<T> & { headers: Headers }

export async function api<T = any>(method: Method, path: string, options: Options = {}): Promise<ApiResponseWithHeaders<T>> {
  const request = new Request(`http://localhost/api${path}`, {
    method,
    headers: headersFor(options),
    body: options.body === undefined ? undefined : options.body instanceof FormData ? options.body : JSON.stringify(options.body),
  })
  const response = await route(request)
  const text = await response.text()
  // The headers are there for tests that read them, but not enumerable: `toEqual` on a whole
  // response compares status and body only.
  return Object.defineProperty({ status: response.status, body: text ? JSON.parse(text) : null }, 'headers', { value: response.headers, enumerable: false }) as ApiResponseWithHeaders<T>
}

type RawOptions = { token?: string; headers?: Record<string, string>; body?: BodyInit | null }

const parsed = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return text
  }
}

/**
 * A request with exactly the given body and headers — no JSON encoding, no Content-Type added —
 * for malformed, oversized or streamed bodies. The body is JSON-parsed when it can be.
 */
export async function apiRaw<T = any>(method: 'POST' | 'PATCH' | 'PUT', path: string, { token, headers, body }: RawOptions = {}): Promise<ApiResponseWithHeaders<T>> {
  const init = { method, headers: headersFor({ token, headers }), body: body ?? null, duplex: 'half' } as RequestInit
  const response = await route(new Request(`http://localhost/api${path}`, init))
  const result = { status: response.status, body: parsed(await response.text()) as T }
  return Object.defineProperty(result, 'headers', { value: response.headers, enumerable: false }) as ApiResponseWithHeaders<T>
}

/** POST /api/graphql with exactly the given body and headers (see apiRaw). */
export async function graphqlRaw<T = any>({ token, headers, body }: RawOptions = {}): Promise<ApiResponse<T>> {
  const init = { method: 'POST', headers: headersFor({ token, headers }), body: body ?? null, duplex: 'half' } as RequestInit
  const response = await route(new Request('http://localhost/api/graphql', init))
  return { status: response.status, body: parsed(await response.text()) as T }
}

export async function graphql<T = any>(query: string, options: Omit<Options, 'body'> & { variables?: object } = {}) {
  const request = new Request('http://localhost/api/graphql', {
    method: 'POST',
    headers: headersFor({ ...options, body: true }),
    body: JSON.stringify({ query, variables: options.variables }),
  })
  const response = await route(request)
  const result = { status: response.status, body: (await response.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] } }
  return Object.defineProperty(result, 'headers', { value: response.headers, enumerable: false }) as typeof result & { headers: Headers }
}

/** Log in over REST like the admin and storefronts do; returns the JWT. */
export async function login(email: string, password: string): Promise<string> {
  const res = await api('POST', '/users/login', { body: { email, password } })
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token as string
}

export type RawResponse = { status: number; headers: Headers; text: string }

/**
 * Send a request exactly as given — any method, path with its own query string, headers and a
 * raw body (string or bytes, with whatever Content-Type the caller names, or none) — through the
 * same route handlers as `api()`/`graphql()`: `/graphql` goes to the GraphQL route, everything
 * else to the REST catch-all. No header is added (not even `X-Forwarded-For`): the caller says
 * who it is. For the fuzz test (tests/int/fuzz.test.ts), which sends what no client should.
 */
export async function rawApi(method: Method, path: string, { headers = {}, body }: { headers?: Record<string, string>; body?: string | Uint8Array } = {}): Promise<RawResponse> {
  const request = new Request(`http://localhost/api${path}`, { method, headers, body: body === undefined || method === 'GET' ? undefined : (body as BodyInit) })
  const response = await route(request)
  return { status: response.status, headers: response.headers, text: await response.text() }
}
