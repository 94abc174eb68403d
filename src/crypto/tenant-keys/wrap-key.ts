import { randomBytes } from 'node:crypto'

import { decryptSecret } from '../decrypt-secret'
import { encryptSecret } from '../encrypt-secret'
import { getKeyring, type Keyring } from '../keyring'

export const DATA_KEY_BYTES = 32

/** A new tenant data key (random 32 bytes). */
export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES)

/** The data key wrapped by the platform ring's active key (AES-256-GCM; the stored form names that key). */
export const wrapDataKey = (raw: Buffer, keyring: Keyring = getKeyring()): string => encryptSecret(raw.toString('base64url'), keyring)

/** Inverse of wrapDataKey; throws SecretDecryptError when the wrapping key is gone or the value was altered. */
export function unwrapDataKey(wrapped: string, keyring: Keyring = getKeyring()): Buffer {
  const raw = Buffer.from(decryptSecret(wrapped, keyring), 'base64url')
  if (raw.length !== DATA_KEY_BYTES) throw new Error(`unwrapDataKey: a tenant data key must be ${DATA_KEY_BYTES} bytes`)
  return raw
}
