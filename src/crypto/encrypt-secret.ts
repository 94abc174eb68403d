import { createCipheriv, randomBytes } from 'node:crypto'

import { aad, IV_BYTES, VERSION } from './format'
import { getKeyring, type Keyring } from './keyring'

/** AES-256-GCM with the active key → `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts). */
export function encryptSecret(plaintext: string, keyring: Keyring = getKeyring()): string {
  if (typeof plaintext !== 'string') throw new TypeError('encryptSecret: plaintext must be a string')
  const keyId = keyring.activeKeyId
  const key = keyring.keys.get(keyId)
  if (!key) throw new Error(`encryptSecret: active key "${keyId}" is not in the keyring`)
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad(keyId))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, keyId, iv, tag, ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join(':')
}
