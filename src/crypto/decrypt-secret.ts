import { createDecipheriv } from 'node:crypto'

import { aad, parseStoredSecret } from './format'
import { getKeyring, type Keyring } from './keyring'
import { SecretDecryptError } from './secret-error'

/** Inverse of encryptSecret; throws SecretDecryptError rather than ever returning garbage. */
export function decryptSecret(stored: string, keyring: Keyring = getKeyring()): string {
  const parsed = parseStoredSecret(stored)
  if (!parsed) throw new SecretDecryptError('malformed', 'decryptSecret: value is not an encrypted secret (expected v1:<keyId>:<iv>:<tag>:<ciphertext>)')
  const key = keyring.keys.get(parsed.keyId)
  if (!key) throw new SecretDecryptError('unknown-key', `decryptSecret: unknown key id "${parsed.keyId}" (add it to SECRETS_KEYS)`)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv, { authTagLength: parsed.tag.length })
    decipher.setAAD(aad(parsed.keyId))
    decipher.setAuthTag(parsed.tag)
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8')
  } catch {
    throw new SecretDecryptError('tampered', `decryptSecret: authentication failed for key "${parsed.keyId}" (wrong key or tampered value)`)
  }
}
