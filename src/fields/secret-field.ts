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
  // `previousValue` went through afterRead (concealed); the stored value is in siblingDocWithLocales.
  const stored = (args: Parameters<FieldHook>[0], field: string) => args.siblingDocWithLocales?.[field] ?? args.previousValue ?? null
  const encrypt: FieldHook = (args) => {
    const { value, siblingData, operation } = args
    if (typeof value === 'string' && value.trim() !== '' && !isEncrypted(value)) {
      newHints.set(siblingData, maskSecret(value.trim()))
      return encryptSecret(value.trim())
    }
    return operation === 'update' ? stored(args, name) : null
  }
  const hint: FieldHook = (args) => newHints.get(args.siblingData) ?? stored(args, hintName)
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
      // Required on create only (an update left empty keeps the stored secret); the hint is
      // computed, so sending one never stands in for the secret.
      validate: (value: null | string | undefined, { operation }: { operation?: string }) =>
        !required || operation !== 'create' || (typeof value === 'string' && value.trim() !== '') ? true : 'This secret is required.',
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
