import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { runSql } from '../db/run-sql'
import { withTransaction } from '../db/transaction'

/** Payload's key-value table (the default database KV adapter): where claimed slots are remembered. */
const KV_TABLE = sql.identifier('payload_kv')

/** How long a claimed slot is remembered: far longer than any instance can lag behind another. */
const REMEMBER_SLOTS_MS = 24 * 60 * 60 * 1000

/** A firing's slot: its scheduled time to the second, as an ISO string — the same on every instance. */
export const slotOf = (date: Date): string => new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString()

export type ClaimResult = { queued: true; jobId: string } | { queued: false }

/**
 * A schedule fired for `slot` in this process: run `queue` (which queues its job on `req`)
 * unless some instance already claimed that slot. In one transaction: take the schedule's
 * advisory lock (`pg_advisory_xact_lock(hashtextextended('schedule:<name>', 0))`), claim
 * `schedule:<name>@<slot>` in `payload_kv` (a unique key), queue, forget claims older than a
 * day, commit. The claim — not the job — is what makes it once: Payload deletes jobs when they
 * complete. `name` is the task's slug.
 */
export async function claimSlot(payload: Payload, name: string, slot: string, queue: (req: PayloadRequest) => Promise<{ id: number | string }>): Promise<ClaimResult> {
  const req = await createLocalReq({}, payload)
  return withTransaction(req, async (): Promise<ClaimResult> => {
    await runSql(req, sql`select pg_advisory_xact_lock(hashtextextended(${`schedule:${name}`}, 0))`)
    const claim = { schedule: name, slot, claimedAt: new Date().toISOString() }
    const claimed = await runSql(
      req,
      sql`insert into ${KV_TABLE} (key, data) values (${`schedule:${name}@${slot}`}, ${JSON.stringify(claim)}::jsonb)
          on conflict (key) do nothing returning id`,
    )
    if (claimed.length === 0) return { queued: false }
    const job = await queue(req)
    const forgetBefore = new Date(Date.parse(slot) - REMEMBER_SLOTS_MS).toISOString()
    await runSql(req, sql`delete from ${KV_TABLE} where key like 'schedule:%' and data->>'schedule' = ${name} and (data->>'slot') collate "C" < ${forgetBefore}`)
    return { queued: true, jobId: String(job.id) }
  })
}
