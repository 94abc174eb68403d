import type { EmailField, Field, FieldHook, PayloadRequest, TextareaField, TextField } from 'payload'
import { extractID } from 'payload/shared'
import { validations } from 'payload'

import { decryptForTenant, encryptForTenant, isTenantCiphertext } from '../src/crypto/tenant-keys/tenant-cipher'
import { tenantKey } from '../src/tenancy/tenant-keys'

/** The hooks that encrypt, decrypt and blind-index (bench/keys swaps them out to compare with plaintext). */
export const TENANT_CRYPTO_HOOKS = new WeakSet<object>()

/** Plaintexts of the values this request just encrypted, so validation sees what was typed. */
const PLAIN = 'tenantEncryptedPlain'

type Doc = { tenant?: unknown } | undefined
const tenantOf = (...docs: Doc[]): null | string => {
  for (const doc of docs) if (doc?.tenant != null) return String(extractID(doc.tenant as string))
  return null
}

const plainOf = (req: PayloadRequest | undefined): Map<string, string> => {
  const context = (req?.context ?? {}) as Record<string, unknown>
  return (context[PLAIN] ??= new Map<string, string>()) as Map<string, string>
}

/** beforeChange: a non-empty string becomes `v1:tk1:…` under the document's tenant key. */
const encrypt: FieldHook = async ({ value, data, originalDoc, req }) => {
  if (typeof value !== 'string' || value === '' || isTenantCiphertext(value)) return value
  const tenantId = tenantOf(data, originalDoc)
  if (!tenantId) return value
  const stored = encryptForTenant(await tenantKey(req, tenantId), value)
  plainOf(req).set(stored, value)
  return stored
}

/**
 * afterRead: the plaintext, for whoever may read the document (access and row-level security
 * decided that already). A value that does not decrypt (its tenant's key was destroyed) reads as null.
 */
const decrypt: FieldHook = async ({ value, data, req }) => {
  if (!isTenantCiphertext(value)) return value
  const tenantId = tenantOf(data)
  if (!tenantId) return null
  try {
    return decryptForTenant(await tenantKey(req, tenantId), value)
  } catch {
    return null
  }
}

/**
 * A text or textarea field stored encrypted with its tenant's data key (src/crypto/tenant-keys).
 * Field hooks run before validation in Payload, so the field's rules (required, maxLength) are
 * checked against the plaintext. Stored values cannot be searched or sorted: keep such fields
 * for text nobody filters on (addresses, notes), or pair them with a blind index for exact
 * matches (phone, e-mail: hooks/blindIndexes.ts and blindIndexLookups.ts).
 */
TENANT_CRYPTO_HOOKS.add(encrypt)
TENANT_CRYPTO_HOOKS.add(decrypt)

export function tenantEncrypted<F extends EmailField | TextField | TextareaField>(field: F): Field {
  const inner = (field.validate ?? validations[field.type]) as (value: unknown, options: unknown) => ReturnType<typeof validations.text>
  return {
    ...field,
    validate: (value: unknown, options: { req?: PayloadRequest }) => inner(typeof value === 'string' ? (plainOf(options.req).get(value) ?? value) : value, options),
    hooks: { ...field.hooks, beforeChange: [...(field.hooks?.beforeChange ?? []), encrypt], afterRead: [decrypt, ...(field.hooks?.afterRead ?? [])] },
  }
}
