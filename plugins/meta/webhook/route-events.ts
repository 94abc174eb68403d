import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { runSql } from '../../../src/db/run-sql'
import { processGlobal } from '../../../src/process-global'
import type { RawEvent, Target } from './extract-events'

/** Who owns an id: the tenant, and the page or number document (the first of a WABA's numbers). */
export type Owner = { tenantId: string; channelId: string }
export type RoutedEvent = RawEvent & Owner

const TTL_MS = 30_000
const cache = processGlobal('meta.routes', () => new Map<string, { owners: Owner[]; until: number }>())

/** Drop the cached owners (a page or number was added, changed or deleted in this process). */
export function forgetRoutes(): void {
  cache.clear()
}

/**
 * The owners of the ids a delivery names. The webhook runs before any tenant is known, so the
 * lookup goes through `meta_channel_owners()` (migration 20261123_meta): a SECURITY DEFINER
 * function that answers exactly this mapping and nothing else, instead of a general row-level
 * security bypass. Answers are cached for 30 s per process (cleared by page/number changes here).
 */
async function ownersOf(req: PayloadRequest, wanted: { target: Target; id: string }[]): Promise<Map<string, Owner[]>> {
  const now = Date.now()
  const found = new Map<string, Owner[]>()
  const missing: { target: Target; id: string }[] = []
  for (const w of wanted) {
    const key = `${w.target}:${w.id}`
    const hit = cache.get(key)
    if (hit && hit.until > now) found.set(key, hit.owners)
    else missing.push(w)
  }
  if (missing.length > 0) {
    const targets = missing.map((m) => m.target)
    const ids = missing.map((m) => m.id)
    // JSON in, arrays out: drizzle would spread a JS array into separate parameters.
    const rows = await runSql(
      req,
      sql`select target, external_id, tenant_id, channel_id from meta_channel_owners(
            array(select jsonb_array_elements_text(${JSON.stringify(targets)}::jsonb)),
            array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)))`,
    )
    for (const m of missing) found.set(`${m.target}:${m.id}`, [])
    for (const row of rows) found.get(`${row.target}:${row.external_id}`)?.push({ tenantId: String(row.tenant_id), channelId: String(row.channel_id) })
    for (const m of missing) {
      const key = `${m.target}:${m.id}`
      cache.set(key, { owners: found.get(key)!, until: now + TTL_MS })
    }
  }
  return found
}

/**
 * Each event with its tenant. Events for ids nobody owns are returned apart (the webhook
 * acknowledges and logs them, stores nothing). A template event goes to every tenant with a
 * number in that WhatsApp Business Account.
 */
export async function routeEvents(req: PayloadRequest, events: RawEvent[]): Promise<{ routed: RoutedEvent[]; unknown: RawEvent[] }> {
  const wanted = [...new Map(events.map((e) => [`${e.target}:${e.externalId}`, { target: e.target, id: e.externalId }])).values()]
  const owners = wanted.length > 0 ? await ownersOf(req, wanted) : new Map<string, Owner[]>()
  const routed: RoutedEvent[] = []
  const unknown: RawEvent[] = []
  for (const event of events) {
    const found = owners.get(`${event.target}:${event.externalId}`) ?? []
    if (found.length === 0) unknown.push(event)
    for (const owner of found) routed.push({ ...event, ...owner })
  }
  return { routed, unknown }
}
