import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../db/resolve-database'

/**
 * PAYLOAD_SECRET signs sessions. Deployments (DATABASE_URL set, production) must set it; for the
 * local embedded setup one is generated once into .data/payload-secret (git-ignored).
 */
export function ensureSecret(): void {
  const local = !process.env.DATABASE_URL
  if (!process.env.PAYLOAD_SECRET) {
    if (!local && process.env.NODE_ENV === 'production') throw new Error('PAYLOAD_SECRET must be set in production')
    process.env.PAYLOAD_SECRET = localSecret('payload-secret', () => randomBytes(32).toString('hex'))
  }
  // Secrets at rest (src/crypto): a local key for the embedded setup, so `dev` and `start`
  // (which runs with NODE_ENV=production) read each other's data. Deployments set SECRETS_KEYS.
  if (!process.env.SECRETS_KEYS && local) {
    process.env.SECRETS_KEYS = `local:${localSecret('secrets-key', () => randomBytes(32).toString('base64'))}`
  }
}

function localSecret(name: string, make: () => string): string {
  const file = path.join(projectRoot, '.data', name)
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, make(), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}
