import { randomBytes } from 'node:crypto'

import { type CollectionAfterChangeHook, type CollectionBeforeChangeHook } from 'payload'

import { API_KEY_SCOPES, hashApiKey } from '../src/tenancy/api-key-hash'
import { tenantOwned } from './tenantOwned'
import { AppError } from '../src/errors/app-error'

// Kept apart so src/tenancy/api-keys.ts (imported by access/) does not import this collection.
export { API_KEY_SCOPES, hashApiKey } from '../src/tenancy/api-key-hash'

const issueKey: CollectionBeforeChangeHook = ({ data, operation, context }) => {
  if (operation !== 'create') {
    delete data.keyHash
    delete data.keyPrefix
    return data
  }
  const key = `emk_${randomBytes(24).toString('hex')}`
  context.issuedApiKey = key
  return { ...data, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 12) }
}

/** Revoking is final: a revoked key is never un-revoked (make a new one). Payload's own writes too. */
const revokeOnce: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
  if (operation === 'update' && originalDoc?.revoked && data.revoked === false) {
    throw new AppError('invalid_input', 'A revoked API key cannot be restored; create a new key instead.', { errors: [{ path: 'revoked', message: 'Revoking is final.' }] })
  }
  return data
}

/** The plain key appears once, in the create response, and is never stored or shown again. */
const showKeyOnce: CollectionAfterChangeHook = ({ doc, operation, context }) => (operation === 'create' && typeof context.issuedApiKey === 'string' ? { ...doc, key: context.issuedApiKey } : doc)

/** Storefront API keys of a tenant (tenant-admins only). */
export const ApiKeys = tenantOwned({
  slug: 'api-keys',
  admin: { useAsTitle: 'label', defaultColumns: ['label', 'keyPrefix', 'scopes', 'lastUsedAt', 'revoked'], group: 'Settings' },
  hooks: { beforeChange: [issueKey, revokeOnce], afterChange: [showKeyOnce] },
  fields: [
    { name: 'label', type: 'text', required: true, maxLength: 80 },
    { name: 'scopes', type: 'select', hasMany: true, required: true, defaultValue: ['catalog-read'], options: [...API_KEY_SCOPES] },
    { name: 'keyPrefix', type: 'text', index: true, admin: { readOnly: true, description: 'The start of the key, to recognise it.' } },
    { name: 'keyHash', type: 'text', unique: true, index: true, hidden: true, access: { read: () => false } },
    { name: 'lastUsedAt', type: 'date', admin: { readOnly: true } },
    {
      name: 'requestsPerMinute',
      type: 'number',
      min: 1,
      admin: { description: 'A smaller API budget for this key alone (e.g. a third-party integration). Empty = the shop’s (its plan’s apiRequestsPerMinute).' },
      validate: (value: null | number | undefined) => (value == null || (Number.isInteger(value) && value >= 1) ? true : 'A whole number, 1 or more.'),
    },
    { name: 'revoked', type: 'checkbox', defaultValue: false, index: true, admin: { description: 'Revoking is final: the key stops working at once and cannot be restored.' } },
  ],
})
