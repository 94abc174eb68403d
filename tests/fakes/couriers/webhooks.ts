import { randomBytes } from 'node:crypto'

/**
 * The courier side of webhooks, shared by the three fakes: POST a JSON body with the provider's
 * auth, retry like the real senders (a 5xx or a failed connection is tried again, up to
 * `retries` more times, `retryDelayMs` apart), and record every delivery with its attempts.
 */

export type WebhookTarget = { url: string; secret: string; handshakeSecret?: string; retries?: number; retryDelayMs?: number }

export type Attempt = { status: number; headers: Record<string, string>; body: string; error?: string }

export type Delivery = { url: string; body: unknown; headers: Record<string, string>; attempts: Attempt[]; ok: boolean; status: number }

/** POSTs `body` to `url` with `headers`, retrying 5xx and connection failures. */
export async function deliver(url: string, body: unknown, headers: Record<string, string>, opts: { retries?: number; retryDelayMs?: number } = {}): Promise<Delivery> {
  const retries = opts.retries ?? 3
  const delay = opts.retryDelayMs ?? 50
  const delivery: Delivery = { url, body, headers, attempts: [], ok: false, status: 0 }
  const raw = JSON.stringify(body)
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, delay))
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw, signal: AbortSignal.timeout(10_000) })
      const replyHeaders: Record<string, string> = {}
      res.headers.forEach((v, k) => (replyHeaders[k] = v))
      delivery.attempts.push({ status: res.status, headers: replyHeaders, body: await res.text() })
      delivery.status = res.status
      delivery.ok = res.status >= 200 && res.status < 300
      if (res.status < 500) break
    } catch (error) {
      delivery.attempts.push({ status: 0, headers: {}, body: '', error: (error as Error).message })
      delivery.status = 0
    }
  }
  return delivery
}

/** The last attempt's reply headers (lower-cased). */
export function lastHeaders(d: Delivery): Record<string, string> {
  return d.attempts[d.attempts.length - 1]?.headers ?? {}
}

/** "YYYY-MM-DD HH:MM:SS" in Asia/Dhaka (UTC+6), as Steadfast and Pathao write `updated_at`. */
export function dhakaTime(at: Date = new Date()): string {
  return new Date(at.getTime() + 6 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

/** Uppercase letters and digits. */
export function randomCode(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('')
}

/** Throws unless a webhook target was set (a test asked the courier to send before configuring it). */
export function requireTarget(target: WebhookTarget | null, provider: string): WebhookTarget {
  if (!target) throw new Error(`fake ${provider}: call setWebhook(url, secret) before sending webhooks`)
  return target
}
