import Stripe from 'stripe'

import { fail } from '../errors'
import type { ResolvedBillingOptions } from '../options'

export type { Stripe }

/** Whether billing is on (a Stripe secret key is set), and why not. */
export function billingState(options: ResolvedBillingOptions): { enabled: true } | { enabled: false; reason: string } {
  return options.secretKey() ? { enabled: true } : { enabled: false, reason: 'Billing is not set up on this server (STRIPE_SECRET_KEY is not set): plans are set by the platform’s super-admin.' }
}

/**
 * The stripe-node client for the configured key and origin (STRIPE_API_URL points it at
 * tests/fakes/stripe through stripe-node's documented host/port/protocol), one per key and
 * origin in this process. Without a key billing is off and its routes are not there: 404 that says why.
 */
export function stripeOf(options: ResolvedBillingOptions): Stripe {
  const key = options.secretKey()
  if (!key) throw fail('not_found', 'Billing is not set up on this server (STRIPE_SECRET_KEY): plans are set by the platform’s super-admin.', 404)
  const origin = options.apiUrl()
  return options.processGlobal(`billing:stripe:${key.slice(-8)}:${origin ?? 'stripe'}`, () => {
    const url = origin ? new URL(origin) : null
    return new Stripe(key, {
      ...(url ? { host: url.hostname, port: Number(url.port) || (url.protocol === 'http:' ? 80 : 443), protocol: url.protocol === 'http:' ? 'http' : 'https' } : {}),
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
      appInfo: { name: 'e-merkater' },
    })
  })
}

/** Unix seconds → ISO (null stays null). */
export const isoOf = (unix: null | number | undefined): null | string => (typeof unix === 'number' && unix > 0 ? new Date(unix * 1000).toISOString() : null)

/** A Stripe id from an expandable field (the id, or the expanded object's id). */
export const sid = (v: unknown): null | string => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : null)
