import type { Field, FieldHook } from 'payload'

import { encryptSecret, isEncrypted, maskSecret } from '../crypto'

/** Internal code that must use a secret reads with this context (and overrideAccess). */
export const REVEAL_SECRETS = 'revealSecrets'

/**
 * A write-only secret (page/number tokens, courier credentials): AES-256-GCM encrypted at rest
 * (src/crypto), never returned by REST, GraphQL or the admin — only `<name>Hint` (`••••a9f2`).
 * Leaving it empty on update keeps the stored secret; typing a new value replaces it.
 */
export function secretField({ name, label, required = false }: { name: string; label?: string; required?: boolean }): Field[] {
  const hintName = `${name}Hint`
  // The hint is computed from the new secret only; anything a caller sends for it is ignored.
  const newHints = new WeakMap<object, string>()
  const encrypt: FieldHook = ({ value, previousValue, siblingData, operation }) => {
    if (typeof value === 'string' && value.trim() !== '' && !isEncrypted(value)) {
      newHints.set(siblingData, maskSecret(value.trim()))
      return encryptSecret(value.trim())
    }
    return operation === 'update' ? previousValue : null
  }
  const hint: FieldHook = ({ siblingData, previousValue }) => newHints.get(siblingData) ?? previousValue ?? null
  const conceal: FieldHook = ({ value, context }) => (context?.[REVEAL_SECRETS] ? value : null)

  return [
    {
      name,
      label,
      type: 'text',
      admin: {
        description: 'Write-only: stored encrypted and never shown again. Leave empty to keep the current value.',
        autoComplete: 'off',
      },
      validate: (value: null | string | undefined, { operation, data }: { operation?: string; data?: Record<string, unknown> }) =>
        !required || operation !== 'create' || Boolean(value) || Boolean(data?.[hintName]) ? true : 'This secret is required.',
      hooks: { beforeChange: [encrypt], afterRead: [conceal] },
    },
    {
      name: hintName,
      label: label ? `${label} (stored)` : undefined,
      type: 'text',
      admin: { readOnly: true, description: 'The last characters of the stored secret.' },
      hooks: { beforeChange: [hint] },
    },
  ]
}
