import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../db/resolve-database'

/**
 * PAYLOAD_SECRET signs sessions. Production must set it; for local runs one is generated once
 * into .data/payload-secret (git-ignored) so logins survive restarts.
 */
export function ensureSecret(): void {
  if (process.env.PAYLOAD_SECRET) return
  if (process.env.NODE_ENV === 'production' && process.env.CI !== 'true' && process.env.DATABASE_URL) {
    throw new Error('PAYLOAD_SECRET must be set in production')
  }
  const file = path.join(projectRoot, '.data', 'payload-secret')
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  process.env.PAYLOAD_SECRET = readFileSync(file, 'utf8').trim()
}
