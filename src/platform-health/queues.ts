import type { Pool } from 'pg'

export type JobKind = { task: string; queued: number; running: number; failed: number; completed24h: number; oldestQueuedSeconds: null | number }

/**
 * Payload's job queue per task (payload_jobs): waiting (queued or due for a retry), running,
 * failed for good (has_error: retries spent), completed in the last day, and how long the oldest
 * waiting job has waited. Run in the platform's context (the super-admin's request).
 */
export async function jobQueues(pool: Pick<Pool, 'query'>): Promise<JobKind[]> {
  const { rows } = await pool.query<JobKind>(`
    select coalesce(task_slug::text, '(workflow)') as task,
      count(*) filter (where completed_at is null and has_error is not true and processing is not true)::int as queued,
      count(*) filter (where completed_at is null and processing)::int as running,
      count(*) filter (where has_error)::int as failed,
      count(*) filter (where completed_at > now() - interval '1 day')::int as "completed24h",
      extract(epoch from now() - min(created_at) filter (where completed_at is null and has_error is not true and processing is not true))::int as "oldestQueuedSeconds"
    from payload_jobs group by 1 order by 1`)
  return rows
}

export type WebhookLag = {
  provider: 'facebook' | 'whatsapp'
  received24h: number
  processed24h: number
  pending: number
  failed24h: number
  avgLagSeconds: null | number
  maxLagSeconds: null | number
  oldestPendingSeconds: null | number
}

/**
 * Meta webhook lag per provider, from the stored events (meta_events): received (stored by the
 * webhook, `created_at`) against processed (`processed_at`, set by the metaProcessEvents job),
 * over the last day, and how long the oldest event still waiting has waited. WhatsApp events are
 * the `wa-*` kinds; Messenger's and lead ads' are Facebook's.
 */
export async function webhookLag(pool: Pick<Pool, 'query'>): Promise<WebhookLag[]> {
  const { rows } = await pool.query<WebhookLag>(`
    select case when kind::text like 'wa-%' then 'whatsapp' else 'facebook' end as provider,
      count(*) filter (where created_at > now() - interval '1 day')::int as "received24h",
      count(*) filter (where processed_at > now() - interval '1 day')::int as "processed24h",
      count(*) filter (where status in ('pending', 'processing'))::int as pending,
      count(*) filter (where status = 'failed' and created_at > now() - interval '1 day')::int as "failed24h",
      round(avg(extract(epoch from processed_at - created_at)) filter (where processed_at > now() - interval '1 day'), 1)::float as "avgLagSeconds",
      round(max(extract(epoch from processed_at - created_at)) filter (where processed_at > now() - interval '1 day'), 1)::float as "maxLagSeconds",
      extract(epoch from now() - min(created_at) filter (where status in ('pending', 'processing')))::int as "oldestPendingSeconds"
    from meta_events group by 1 order by 1`)
  return rows
}
