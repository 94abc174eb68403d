import { randomBytes, randomInt } from 'node:crypto'

/** A WhatsApp message id like Meta's: 'wamid.' + base64 (≤ 128 chars in total). */
export function randomWamid(): string {
  return 'wamid.HBgN' + randomBytes(42).toString('base64')
}

/** A Messenger message id like Meta's: 'm_' + base64url. */
export function randomMid(): string {
  return 'm_' + randomBytes(64).toString('base64url')
}

/** A numeric Graph id of `length` digits (no leading zero), as a string. */
export function randomDigits(length = 16): string {
  let out = String(randomInt(1, 10))
  while (out.length < length) out += String(randomInt(0, 10))
  return out
}
