import { hkdfSync } from 'node:crypto'

/** Keys for encrypting secrets at rest: new values use `activeKeyId`, old ids stay for decryption. */
export type Keyring = { readonly activeKeyId: string; readonly keys: ReadonlyMap<string, Buffer> }

/** process.env or any plain object of the same shape (tests pass their own). */
export type SecretsEnv = Readonly<Record<string, string | undefined>>

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/
const KEY_BYTES = 32
const DEV_KEY_ID = 'dev'
const DEV_KEY_INFO = 'e-merkater secrets v1'

const cache = new Map<string, Keyring>()

/**
 * Reads `SECRETS_KEYS` (`keyId:base64key,...`, each key 32 bytes) and `SECRETS_ACTIVE_KEY`
 * (default: the first entry). Without `SECRETS_KEYS`, outside production, derives key `dev` from
 * `PAYLOAD_SECRET` (HKDF-SHA256). Error messages never contain key material.
 */
export function getKeyring(env: SecretsEnv = process.env): Keyring {
  const { NODE_ENV, SECRETS_KEYS, SECRETS_ACTIVE_KEY, PAYLOAD_SECRET } = env
  const cacheKey = JSON.stringify([NODE_ENV, SECRETS_KEYS, SECRETS_ACTIVE_KEY, PAYLOAD_SECRET])
  const cached = cache.get(cacheKey)
  if (cached) return cached

  const keys = SECRETS_KEYS?.trim() ? parseKeys(SECRETS_KEYS) : devKeys(NODE_ENV, PAYLOAD_SECRET)
  const activeKeyId = SECRETS_ACTIVE_KEY?.trim() || keys.keys().next().value!
  if (!keys.has(activeKeyId)) {
    const known = [...keys.keys()].join(', ')
    throw new Error(`SECRETS_ACTIVE_KEY "${KEY_ID_PATTERN.test(activeKeyId) ? activeKeyId : '(invalid id)'}" is not a keyId in SECRETS_KEYS (${known})`)
  }

  const keyring: Keyring = Object.freeze({ activeKeyId, keys })
  if (cache.size >= 32) cache.clear()
  cache.set(cacheKey, keyring)
  return keyring
}

function parseKeys(value: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>()
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
  entries.forEach((entry, i) => {
    const where = `SECRETS_KEYS entry #${i + 1}`
    const colon = entry.indexOf(':')
    if (colon < 0) throw new Error(`${where} is not in keyId:base64key form`)
    const keyId = entry.slice(0, colon).trim()
    const encoded = entry.slice(colon + 1).trim()
    if (!KEY_ID_PATTERN.test(keyId)) throw new Error(`${where} has an invalid keyId (1-32 chars of A-Z a-z 0-9 _ -)`)
    const named = `${where} ("${keyId}")`
    if (keys.has(keyId)) throw new Error(`${named} repeats a keyId`)
    if (!BASE64.test(encoded)) throw new Error(`${named} key is not valid base64`)
    const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64')
    if (key.length !== KEY_BYTES) throw new Error(`${named} key must decode to ${KEY_BYTES} bytes, got ${key.length}`)
    keys.set(keyId, key)
  })
  if (keys.size === 0) throw new Error('SECRETS_KEYS is set but contains no keyId:base64key entries')
  return keys
}

function devKeys(nodeEnv: string | undefined, payloadSecret: string | undefined): Map<string, Buffer> {
  if (nodeEnv === 'production') throw new Error('SECRETS_KEYS must be set in production')
  if (!payloadSecret) throw new Error('SECRETS_KEYS or PAYLOAD_SECRET must be set to encrypt secrets')
  const key = Buffer.from(hkdfSync('sha256', payloadSecret, '', DEV_KEY_INFO, KEY_BYTES))
  return new Map([[DEV_KEY_ID, key]])
}
