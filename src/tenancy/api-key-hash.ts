import { createHash } from 'node:crypto'

/** What an API key may be used for (collections/ApiKeys.ts, src/tenancy/api-keys.ts). */
export const API_KEY_SCOPES = ['catalog-read', 'orders-create', 'customers-create'] as const

/** Keys are `emk_<48 hex>`; only their SHA-256 is stored (high-entropy, so no slow hash needed). */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex')
