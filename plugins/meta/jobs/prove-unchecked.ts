import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type TaskConfig } from 'payload'

import type { ChannelKind } from '../channels'
import { testConnection } from '../connection'
import { metaOptions } from '../options'
import { runSql } from '../run-sql'

export const PROOF_TASK = 'metaChannelProof'

/** Channels proven per run at most (each is one or two Graph round trips). */
const PER_RUN = 20

/**
 * Pages and numbers of usable tenants that are unverified and were never checked since their last
 * change — those the upgrade to the proof left behind (its migration clears every check), or
 * whose automatic proof after a save could not run — in the order they changed.
 */
export async function uncheckedChannels(payload: Payload, limit = PER_RUN): Promise<{ kind: ChannelKind; id: string; tenantId: string }[]> {
  const req = await createLocalReq({}, payload)
  const rows = await metaOptions(payload.config).tenancy.runAsSystem('meta: find pages and numbers waiting for their proof', () =>
    runSql(
      req,
      sql`select c.kind, c.id, c.tenant_id from (
            select 'pages' as kind, id, tenant_id, updated_at from pages where verified_at is null and connection_checked_at is null
            union all
            select 'numbers', id, tenant_id, updated_at from numbers where verified_at is null and connection_checked_at is null
          ) c join tenants t on t.id = c.tenant_id
          where t.status in ('trial', 'active') and t.deleted_at is null
          order by c.updated_at limit ${limit}`,
    ),
  )
  return rows.map((r) => ({ kind: r.kind as ChannelKind, id: String(r.id), tenantId: String(r.tenant_id) }))
}

/**
 * Prove the unchecked pages and numbers (uncheckedChannels) with their own tokens, one after the
 * other, each in its tenant's context — so that after the upgrade every channel whose token still
 * controls it routes again without anybody pressing "Test connection". A check is recorded
 * whatever Meta answers, so each is tried once; "Test connection" tries again. Answers how many
 * it tried.
 */
export async function proveUnchecked(payload: Payload): Promise<number> {
  const channels = await uncheckedChannels(payload)
  for (const channel of channels) {
    const req = await createLocalReq({}, payload)
    await metaOptions(payload.config).tenancy.runWithTenant({ tenantId: channel.tenantId, via: 'job' }, async () => {
      try {
        await testConnection(req, channel.kind, channel.id)
      } catch (error) {
        // Recorded as checked all the same, so it does not come back every minute.
        payload.logger.warn({ err: error, ...channel }, 'proof of an unchecked page or number failed')
        const message = `Could not be checked: ${(error as Error).message}`.slice(0, 500)
        await runSql(req, sql`update ${sql.raw(channel.kind)} set connection_checked_at = now(), connection_ok = false, connection_message = ${message} where id = ${channel.id}`)
      }
    })
  }
  return channels.length
}

/** Every minute (the host's clock, once per slot across instances): proveUnchecked. */
export const metaChannelProof: TaskConfig<typeof PROOF_TASK> = {
  slug: PROOF_TASK,
  label: 'Prove unchecked pages and numbers',
  schedule: [{ cron: '* * * * *', queue: 'default' }],
  handler: async ({ req }) => ({ output: { proven: await proveUnchecked(req.payload) } }),
}
