import { createHmac, hkdfSync } from 'node:crypto'

import { decryptSecret } from '../decrypt-secret'
import { encryptSecret } from '../encrypt-secret'
import { parseStoredSecret } from '../format'
import type { Keyring } from '../keyring'

/**
 * A tenant's data key as a one-key ring, so tenant data uses the same stored form and the same
 * AES-256-GCM code as platform secrets: `v1:tk1:<iv>:<tag>:<ciphertext>` (version, key id of the
 * tenant key's generation). The platform ring never holds a `tk…` id, so the two cannot be mixed up.
 */
export const TENANT_KEY_ID = 'tk1'

export type TenantKey = { readonly tenantId: string; readonly ring: Keyring; readonly indexKey: Buffer }

/** From the unwrapped 32 bytes: the data ring and the blind-index key derived from it (HKDF). */
export function tenantKeyOf(tenantId: string, raw: Buffer): TenantKey {
  const indexKey = Buffer.from(hkdfSync('sha256', raw, tenantId, 'e-merkater blind index v1', 32))
  return Object.freeze({ tenantId, ring: Object.freeze({ activeKeyId: TENANT_KEY_ID, keys: new Map([[TENANT_KEY_ID, raw]]) }), indexKey })
}

/** True when `value` is stored tenant ciphertext (shape only). */
export const isTenantCiphertext = (value: unknown): value is string => parseStoredSecret(value)?.keyId === TENANT_KEY_ID

export const encryptForTenant = (key: TenantKey, plaintext: string): string => encryptSecret(plaintext, key.ring)

/** Plaintext of a stored value; values that are not ciphertext (rows not migrated yet) pass unchanged. */
export const decryptForTenant = (key: TenantKey, stored: string): string => (isTenantCiphertext(stored) ? decryptSecret(stored, key.ring) : stored)

/** How a blind-indexed value is compared: trimmed; e-mail addresses case-insensitively. */
export const normaliseForIndex = (field: string, value: string): string => (field === 'email' ? value.trim().toLowerCase() : value.trim())

/** Keyed blind index: HMAC-SHA256 over `<field>:<normalised value>` with the tenant's index key. */
export const blindIndex = (key: TenantKey, field: string, value: string): string =>
  createHmac('sha256', key.indexKey)
    .update(`${field}:${normaliseForIndex(field, value)}`)
    .digest('base64url')
