import { KEY_ID_PATTERN } from './keyring'

/** Stored form: `v1:<keyId>:<iv>:<tag>:<ciphertext>`, binary parts base64url without padding. */
export const VERSION = 'v1'
export const IV_BYTES = 12
export const TAG_BYTES = 16
export const STORED_PATTERN = /^v1:[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/

export type ParsedSecret = { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer }

/** Additional authenticated data: binds the ciphertext to its version and key id. */
export const aad = (keyId: string): Buffer => Buffer.from(`${VERSION}:${keyId}`, 'utf8')

/** Splits a stored value; null unless every part is well-formed and canonically encoded. */
export function parseStoredSecret(stored: unknown): ParsedSecret | null {
  if (typeof stored !== 'string' || !STORED_PATTERN.test(stored)) return null
  const [, keyId, iv, tag, ciphertext] = stored.split(':') as [string, string, string, string, string]
  if (!KEY_ID_PATTERN.test(keyId)) return null
  const parts = [iv, tag, ciphertext].map(decodeCanonical)
  if (parts.some((p) => p === null)) return null
  const [ivBuf, tagBuf, ctBuf] = parts as [Buffer, Buffer, Buffer]
  if (ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES) return null
  return { keyId, iv: ivBuf, tag: tagBuf, ciphertext: ctBuf }
}

/** Base64url decoding is lenient about trailing bits; reject anything that does not round-trip. */
function decodeCanonical(part: string): Buffer | null {
  const buf = Buffer.from(part, 'base64url')
  return buf.toString('base64url') === part ? buf : null
}
