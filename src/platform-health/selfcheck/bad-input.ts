import type { Probe } from './client'
import { NASTY_STRINGS } from './hostile-values'
import type { Shop } from './shops'

/** A request; `raw` bodies and `refuse` ones must be refused (4xx). */
type Bad = { method: string; path: string; raw?: string; contentType?: string; body?: unknown; signedIn?: boolean; refuse?: boolean; shape?: false }

/** Whether `value` can go into a URL (a lone surrogate cannot). */
const encodable = (value: string) => {
  try {
    return encodeURIComponent(value) !== undefined
  } catch {
    return false
  }
}

/** Values of the fuzz test's table that fit in a URL and a body (no NUL-only or huge ones needed here). */
const NASTY = NASTY_STRINGS.filter((value) => value.length > 0 && value.length < 64 && encodable(value)).slice(0, 24)

const enc = encodeURIComponent

/** Malformed JSON, queries and ids, each of which must be refused with a 4xx (never a 5xx). */
function badRequests(shop: Shop): Bad[] {
  const json = 'application/json'
  return [
    { method: 'POST', path: '/products', raw: '{"name":', contentType: json, signedIn: true },
    { method: 'POST', path: '/products', raw: '[]', contentType: json, signedIn: true },
    { method: 'POST', path: '/products', raw: 'name=x', contentType: 'text/plain', signedIn: true },
    { method: 'PATCH', path: `/products/${shop.productId}`, raw: '{"price": {"$gt": 0}', contentType: json, signedIn: true },
    { method: 'POST', path: '/users/login', raw: '{"email": ["a"], "password": {}}', contentType: json },
    { method: 'POST', path: '/users/login', raw: 'null', contentType: json },
    { method: 'POST', path: '/tenants/signup', raw: '{', contentType: json },
    { method: 'POST', path: '/tenants/signup', body: { slug: 'x', email: 'not-an-email' }, refuse: true },
    { method: 'GET', path: '/products?where[price][less_than]=abc', signedIn: true },
    { method: 'GET', path: '/products?where[nope][equals]=1', signedIn: true },
    { method: 'GET', path: '/products?where[tenant][in]=1,2,3', signedIn: true },
    { method: 'GET', path: '/products?limit=-1&page=0', signedIn: true },
    { method: 'GET', path: '/products?sort=nope&depth=99', signedIn: true },
    { method: 'GET', path: '/products/not-a-uuid', signedIn: true },
    // A broken escape in the path is refused by Next.js's router with its own HTML 400 page,
    // before any route of the app runs: a 4xx is all that can be asked of it.
    { method: 'GET', path: '/users/%ZZ', signedIn: true, refuse: true, shape: false },
    { method: 'POST', path: '/graphql', raw: '{', contentType: json },
    { method: 'POST', path: '/graphql', raw: '{"query": "{ Products { docs { id "}', contentType: json, signedIn: true },
    { method: 'POST', path: '/graphql', body: { query: '{ Products(limit: "x") { docs { id } } }' }, signedIn: true },
    ...NASTY.flatMap((value): Bad[] => [
      { method: 'GET', path: `/products?where[name][equals]=${enc(value)}&sort=${enc(value)}`, signedIn: true },
      { method: 'GET', path: `/products/${enc(value)}`, signedIn: true },
    ]),
    // Sign-ins are limited per IP (RATE_LIMIT_LOGIN_IP, 20 in 10 minutes): a few only, so two runs fit.
    ...NASTY.slice(0, 3).map((value): Bad => ({ method: 'POST', path: '/users/login', body: { email: value, password: value } })),
  ]
}

/**
 * Bad input: every request of the table must answer below 500 (the client counts that check and
 * records a 5xx or an error body not of the one shape itself); the malformed ones must be refused (4xx).
 * The NASTY values may be accepted (an empty list, a 404), never a 5xx.
 */
export async function badInputChecks(probe: Probe, shop: Shop): Promise<void> {
  const check = 'bad-input'
  for (const bad of badRequests(shop)) {
    const answer = await probe.call(check, bad.method, bad.path, { token: bad.signedIn ? shop.token : undefined, raw: bad.raw, contentType: bad.contentType, body: bad.body, shape: bad.shape })
    const malformed = bad.raw !== undefined || bad.refuse === true
    probe.expect(check, malformed && answer.status < 400, `${bad.method} ${bad.path} with a malformed body answered ${answer.status}, not a 4xx`)
  }
}
