import type { PayloadRequest } from 'payload'

import type { Courier } from '../../payload-types'
import { baseUrlOf, hostOf } from './options'
import { adapterFor } from './providers'
import { CourierError, type AdapterCache, type CourierAdapter } from './providers/types'

type Entry = { value: unknown; until: number }

/** Per-account adapter state (Pathao's token, location lists): per process, keyed by account. */
function cacheFor(req: PayloadRequest, accountId: string): AdapterCache {
  const store = hostOf(req).processGlobal('couriers.adapter-cache', () => new Map<string, Entry>())
  const k = (key: string) => `${accountId}:${key}`
  return {
    get: async <T>(key: string) => {
      const hit = store.get(k(key))
      if (!hit || hit.until < Date.now()) return undefined
      return hit.value as T
    },
    set: async (key, value, ttlMs) => void store.set(k(key), { value, until: Date.now() + ttlMs }),
    delete: async (key) => void store.delete(k(key)),
  }
}

/** Longest a call waits in-process for the account's next slot before the work is retried later. */
const MAX_WAIT_MS = 5_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The account's adapter: its decrypted credentials, the provider's base URL, and every call paced
 * to the provider's limit through the host's limiter (one budget per account, shared by every
 * instance): a short wait is waited out, a long one is a `rate_limited` CourierError (the job retries).
 */
export function accountAdapter(req: PayloadRequest, account: Pick<Courier, 'id' | 'provider' | 'credentials'>): CourierAdapter {
  const options = hostOf(req)
  const provider = account.provider
  const stored = account.credentials ?? ''
  let credentials: Record<string, unknown>
  try {
    const plain = options.secrets.isEncrypted(stored) ? options.secrets.decrypt(stored) : stored
    credentials = JSON.parse(plain) as Record<string, unknown>
    if (!credentials || typeof credentials !== 'object' || Array.isArray(credentials)) throw new Error('not an object')
  } catch {
    throw new CourierError(provider, 'bad_credentials', 'The stored credentials of this courier account are not a JSON object; enter them again on the account.')
  }
  const perMinute = options.callsPerMinute[provider]
  const beforeCall = async () => {
    for (;;) {
      const wait = await options.pace(`courier:${account.id}`, perMinute, 60)
      if (wait <= 0) return
      if (wait > MAX_WAIT_MS) throw new CourierError(provider, 'rate_limited', `Paced to ${perMinute} calls a minute for this account; the rest waits.`, { retryAfterMs: wait })
      await sleep(wait)
    }
  }
  return adapterFor(provider, { baseUrl: baseUrlOf(options, provider), credentials, cache: cacheFor(req, String(account.id)), beforeCall, timeoutMs: options.timeoutMs })
}

/** The account as the system reads it in the current tenant context (credentials revealed for the adapter). */
export async function readAccount(req: PayloadRequest, id: string): Promise<Courier | null> {
  const options = hostOf(req)
  // Not found is null; anything else (the plan's feature gate, the database) is the caller's answer.
  return req.payload.findByID({ collection: 'couriers', id, depth: 0, overrideAccess: true, req, disableErrors: true, context: { [options.secrets.revealKey]: true } })
}
