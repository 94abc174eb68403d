import type { Payload } from 'payload'
import type { Pool } from 'pg'

import { checkBackstop } from '../roles'
import { setBypassLogger } from './bypass'

/**
 * onInit: bypasses are logged through Payload's logger, and a runtime connection that row-level
 * security would not hold (superuser, BYPASSRLS, table owner, policies missing) is announced
 * loudly. Migrations connect as the owner on purpose (PAYLOAD_DATABASE_ROLE=migrate) and skip it.
 */
export async function startDatabaseBackstop(payload: Payload): Promise<void> {
  setBypassLogger(payload.logger)
  if (process.env.PAYLOAD_DATABASE_ROLE === 'migrate') return
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  if (!pool) return
  try {
    const problems = await checkBackstop((text) => pool.query(text))
    if (problems.length > 0) {
      payload.logger.warn(`DATABASE BACKSTOP IS OFF: ${problems.join('; ')}. See README, "The database backstop".`)
    }
  } catch (err) {
    payload.logger.warn({ err, msg: 'Could not check the database backstop' })
  }
}
