import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Meta's `X-Hub-Signature-256: sha256=<hex>`: HMAC-SHA256 of the raw body keyed by the app secret,
 * compared in constant time (reference §1.5). Anything missing or malformed is a mismatch.
 */
export function signatureMatches(raw: Buffer, header: null | string, appSecret: string): boolean {
  if (!header || !appSecret) return false
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim())
  if (!match) return false
  const expected = createHmac('sha256', appSecret).update(raw).digest()
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'))
}
