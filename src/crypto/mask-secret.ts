import { STORED_PATTERN } from './format'

const MASK = '••••'

/** `••••` + last 4 characters; secrets shorter than 8 characters show only `••••`. */
export function maskSecret(plaintext: string): string {
  const chars = Array.from(plaintext ?? '')
  return chars.length < 8 ? MASK : MASK + chars.slice(-4).join('')
}

/** True when the value has the stored `v1:<keyId>:<iv>:<tag>:<ciphertext>` shape (not a proof it decrypts). */
export function isEncrypted(value: unknown): boolean {
  return typeof value === 'string' && STORED_PATTERN.test(value)
}
