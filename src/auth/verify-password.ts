import { pbkdf2, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const derive = promisify(pbkdf2)

/** Payload 3.90's hash format: `pbkdf2-sha256-v1:<hex>` (600 000 rounds, 32 bytes), else legacy (25 000, 512). */
const PREFIX = 'pbkdf2-sha256-v1:'

/**
 * Whether `password` is the one Payload stored as `hash`/`salt`. Payload's own check
 * (authenticateLocalStrategy) is not exported, and asking `payload.login` would open a session
 * and count a failed sign-in; this mirrors its parameters.
 */
export async function verifyPassword(password: string, hash: unknown, salt: unknown): Promise<boolean> {
  if (typeof hash !== 'string' || typeof salt !== 'string' || !password) return false
  const current = hash.startsWith(PREFIX)
  const stored = Buffer.from(current ? hash.slice(PREFIX.length) : hash, 'hex')
  const derived = await derive(password, salt, current ? 600_000 : 25_000, current ? 32 : 512, 'sha256')
  return derived.length === stored.length && timingSafeEqual(derived, stored)
}
