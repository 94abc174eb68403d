import config from '@payload-config'

import { graphqlRoute, restRoutes } from '../../../src/http/route-handlers'

/**
 * Calls the app's real Next.js route handlers (the same ones src/app/(payload)/api mounts,
 * src/http/route-handlers.ts) with standard Request objects: the whole REST/GraphQL stack,
 * without a listening server.
 */
const rest = restRoutes(config)
const graphqlHandler = graphqlRoute(config).POST

export type ApiResponse<T = any> = { status: number; body: T }

type Options = { token?: string; body?: unknown; headers?: Record<string, string> }

const headersFor = ({ token, headers, body }: Options) => ({
  ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
  ...(token ? { authorization: `JWT ${token}` } : {}),
  ...headers,
})

export async function api<T = any>(method: keyof typeof rest, path: string, options: Options = {}): Promise<ApiResponse<T>> {
  const url = new URL(`http://localhost/api${path}`)
  const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
  const request = new Request(url, {
    method,
    headers: headersFor(options),
    body: options.body === undefined ? undefined : options.body instanceof FormData ? options.body : JSON.stringify(options.body),
  })
  const response = await rest[method](request, { params: Promise.resolve({ slug }) })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

export async function graphql<T = any>(query: string, options: Omit<Options, 'body'> & { variables?: object } = {}) {
  const request = new Request('http://localhost/api/graphql', {
    method: 'POST',
    headers: headersFor({ ...options, body: true }),
    body: JSON.stringify({ query, variables: options.variables }),
  })
  const response = await graphqlHandler(request)
  return { status: response.status, body: (await response.json()) as { data?: T; errors?: { message: string }[] } }
}

/** Log in over REST like the admin and storefronts do; returns the JWT. */
export async function login(email: string, password: string): Promise<string> {
  const res = await api('POST', '/users/login', { body: { email, password } })
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token as string
}
