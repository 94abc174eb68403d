import { decryptSecret } from './decrypt-secret'
import { encryptSecret } from './encrypt-secret'
import { parseStoredSecret } from './format'
import { getKeyring, type Keyring } from './keyring'

/**
 * Moves a stored secret onto the active key. Always decrypts first, so a corrupt value throws
 * instead of being carried along; returns `stored` unchanged when it already uses the active key.
 */
export function reencryptSecret(stored: string, keyring: Keyring = getKeyring()): string {
  const plaintext = decryptSecret(stored, keyring)
  if (parseStoredSecret(stored)?.keyId === keyring.activeKeyId) return stored
  return encryptSecret(plaintext, keyring)
}
