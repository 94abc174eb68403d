/**
 * Every rate limit of the app: what it counts, by what key, and its default. Each is overridable
 * with an environment variable `RATE_LIMIT_<NAME>=<points>/<seconds>` (e.g.
 * `RATE_LIMIT_SIGNUP=10/3600`), read at every request, so tests use tiny limits and operators
 * change them with a restart of nothing but the environment.
 */
export const POLICIES = {
  /** POST /api/tenants/signup, per IP. */
  signup: { points: 10, seconds: 3600, what: 'sign-ups from this address' },
  /** POST /api/users/login (and GraphQL loginUser), per IP. */
  'login-ip': { points: 20, seconds: 600, what: 'sign-in attempts from this address' },
  /** The same, per email address tried (hashed). */
  'login-email': { points: 10, seconds: 600, what: 'sign-in attempts for this account' },
  /** POST /api/users/forgot-password (and GraphQL forgotPasswordUser), per IP. */
  'forgot-password': { points: 5, seconds: 3600, what: 'password reset requests from this address' },
  /** POST /api/tenants/:id/invite, per IP. */
  invite: { points: 30, seconds: 3600, what: 'invitations from this address' },
  /** GET /api/invitations/preview and POST /api/invitations/accept, per IP (links are unguessable; this stops probing). */
  invitation: { points: 30, seconds: 600, what: 'invitation look-ups from this address' },
  /** GET /api/tenants/slug-available, per IP. */
  'slug-available': { points: 60, seconds: 60, what: 'shop-name checks from this address' },
  /** POST /api/storefront/orders without an API key, per IP. */
  'storefront-orders': { points: 20, seconds: 600, what: 'orders from this address' },
  /** Calls to a courier's API, per courier account (points: the provider's limit, plugins/couriers `callsPerMinute`). */
  'courier-api': { points: 60, seconds: 60, what: 'calls to this courier account’s API' },
  /** REST/GraphQL requests of anonymous callers (no user, no API key), per IP. */
  'api-ip': { points: 300, seconds: 60, what: 'API requests from this address' },
  /**
   * REST/GraphQL requests resolved to a tenant by API key, header or host, per tenant. The
   * points are the tenant's `apiRequestsPerMinute` (plan or override); this is the platform
   * default for an empty or zero limit.
   */
  'api-tenant': { points: 600, seconds: 60, what: 'API requests for this shop' },
  /** REST/GraphQL requests with an API key that has its own `requestsPerMinute`, per key. */
  'api-key': { points: 600, seconds: 60, what: 'API requests with this API key' },
} as const satisfies Record<string, { points: number; seconds: number; what: string }>

export type PolicyName = keyof typeof POLICIES

/** A policy in force: its points may come from the tenant's plan instead of the environment. */
export type Policy = { name: PolicyName; points: number; seconds: number; what: string }

export const envNameOf = (name: PolicyName): string => `RATE_LIMIT_${name.toUpperCase().replace(/-/g, '_')}`

/** `10/3600` → { points: 10, seconds: 3600 }; `10` → 10 points in the default window. */
function parse(value: string, fallbackSeconds: number, variable: string): { points: number; seconds: number } {
  const match = value.trim().match(/^(\d+)(?:\s*\/\s*(\d+))?$/)
  const points = Number(match?.[1])
  const seconds = match?.[2] === undefined ? fallbackSeconds : Number(match[2])
  if (!match || !(points >= 1) || !(seconds >= 1)) throw new Error(`${variable}="${value}": write <points>/<seconds>, e.g. 10/3600`)
  return { points, seconds }
}

/**
 * The policy `name` as configured now. `points` (from a plan) replaces the configured points when
 * it is a positive number; the window stays the configured one.
 */
export function policyOf(name: PolicyName, points?: null | number): Policy {
  const base = POLICIES[name]
  const variable = envNameOf(name)
  const configured = process.env[variable] ? parse(process.env[variable], base.seconds, variable) : base
  return { name, what: base.what, seconds: configured.seconds, points: points && points > 0 ? points : configured.points }
}

/** `RATE_LIMITS=off` switches every limit off (an emergency switch; the benchmark's baseline). */
export const rateLimitsEnabled = (): boolean => (process.env.RATE_LIMITS ?? 'on') !== 'off'
