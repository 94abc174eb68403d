import type { Pool } from 'pg'

import { runAsSystem } from '../tenancy/request-context'

/** The platform checks whose last run is kept (platform_health_runs). */
export type CheckName = 'canary' | 'selfcheck'

export type CheckRun = { status: 'ok' | 'failing'; startedAt: string; finishedAt: string; summary: Record<string, unknown> }

/**
 * Keep `run` as the last run of `check`. The table is the platform's only (its policy is
 * `false`: a platform role with its bypass on), so it is written as the system.
 */
export async function recordRun(pool: Pool, check: CheckName, run: CheckRun): Promise<void> {
  await runAsSystem(`platform health: record the ${check} run`, () =>
    pool.query(
      `insert into platform_health_runs (check_name, status, started_at, finished_at, summary) values ($1, $2, $3, $4, $5)
       on conflict (check_name) do update set status = excluded.status, started_at = excluded.started_at, finished_at = excluded.finished_at, summary = excluded.summary`,
      [check, run.status, run.startedAt, run.finishedAt, JSON.stringify(run.summary)],
    ),
  )
}

/** The last run of each check (none yet: absent). Read in the caller's context: only the platform's bypass sees rows. */
export async function lastRuns(pool: Pick<Pool, 'query'>): Promise<Partial<Record<CheckName, CheckRun>>> {
  const { rows } = await pool.query<{ check_name: CheckName; status: CheckRun['status']; started_at: Date; finished_at: Date; summary: Record<string, unknown> }>(
    'select check_name, status, started_at, finished_at, summary from platform_health_runs',
  )
  return Object.fromEntries(rows.map((row) => [row.check_name, { status: row.status, startedAt: row.started_at.toISOString(), finishedAt: row.finished_at.toISOString(), summary: row.summary }]))
}
