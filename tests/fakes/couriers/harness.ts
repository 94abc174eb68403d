import type { AdapterCache, AdapterContext, BookingInput, CourierAdapter, CourierError, WebhookEvent } from '../../../plugins/couriers'
import { startWebhookReceiver, type WebhookReceiver } from './receiver'

/**
 * What adapter tests need around an adapter, without Payload: an in-memory AdapterCache, an
 * AdapterContext pointing at a fake, a receiver that runs webhooks through an adapter's
 * authenticate / parseWebhook / reply, and a booking input.
 */

export type MemoryCache = AdapterCache & { entries: Map<string, { value: unknown; until: number }> }

export function memoryCache(): MemoryCache {
  const entries = new Map<string, { value: unknown; until: number }>()
  return {
    entries,
    async get<T>(key: string) {
      const hit = entries.get(key)
      if (!hit || hit.until <= Date.now()) return undefined
      return hit.value as T
    },
    async set<T>(key: string, value: T, ttlMs: number) {
      entries.set(key, { value: structuredClone(value), until: Date.now() + ttlMs })
    },
    async delete(key: string) {
      entries.delete(key)
    },
  }
}

export type TestContext = AdapterContext & { cache: MemoryCache; beforeCalls: number }

/** A context on `baseUrl` with these credentials; `beforeCall` counts (or runs `pace`). */
export function contextFor(baseUrl: string, credentials: Record<string, unknown>, opts: { timeoutMs?: number; pace?: () => Promise<void> } = {}): TestContext {
  const ctx: TestContext = {
    baseUrl,
    credentials,
    cache: memoryCache(),
    timeoutMs: opts.timeoutMs ?? 5000,
    beforeCalls: 0,
    beforeCall: async () => {
      ctx.beforeCalls++
      await opts.pace?.()
    },
  }
  return ctx
}

/** The CourierError a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<CourierError> {
  try {
    await promise
  } catch (error) {
    if ((error as Error).name === 'CourierError') return error as CourierError
    throw error
  }
  throw new Error('expected a CourierError, got a result')
}

/** The CourierError a function throws synchronously. */
export function thrown(fn: () => unknown): CourierError {
  try {
    fn()
  } catch (error) {
    if ((error as Error).name === 'CourierError') return error as CourierError
    throw error
  }
  throw new Error('expected a CourierError')
}

/**
 * The app's webhook endpoint in miniature: 401 unless `authenticate`, 400 on a malformed body,
 * else the adapter's reply; parsed events are collected in `events`. `failFirst` answers 500
 * that many times first (to see the courier retry).
 */
export async function receiverFor(adapter: CourierAdapter, secret: string, opts: { handshakeSecret?: string; failFirst?: number } = {}): Promise<WebhookReceiver & { events: WebhookEvent[] }> {
  const events: WebhookEvent[] = []
  let failures = opts.failFirst ?? 0
  const receiver = await startWebhookReceiver((req) => {
    const request = { headers: req.headers, query: req.query, body: req.body }
    if (!adapter.authenticate(request, secret)) return { status: 401, body: { message: 'unauthorised' } }
    if (failures > 0) {
      failures--
      return { status: 500, body: { message: 'try again' } }
    }
    try {
      const parsed = adapter.parseWebhook(req.body)
      events.push(...parsed)
      return adapter.reply(parsed, opts.handshakeSecret ?? secret)
    } catch (error) {
      return { status: 400, body: { message: (error as Error).message } }
    }
  })
  return Object.assign(receiver, { events })
}

/** A booking of order `invoice` to a Dhaka customer (COD 1 060.50 taka, 1.2 kg). */
export function booking(invoice: string, overrides: Partial<BookingInput> = {}, recipient: Partial<BookingInput['recipient']> = {}): BookingInput {
  return {
    invoice,
    recipient: { name: 'Rahim Uddin', phone: '+880 1712-345678', address: 'House 12, Road 5, Dhanmondi, Dhaka', ...recipient },
    codAmount: 106050,
    declaredValue: 100000,
    weightGrams: 1200,
    itemQuantity: 1,
    ...overrides,
  }
}
