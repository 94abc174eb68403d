import type { PayloadRequest } from 'payload'

import { QUOTA_ALERTS } from './collections/QuotaAlerts'
import { quotaOptions, type LimitName } from './options'
import { one, sql, tableOf } from './sql'
import type { TenantQuota } from './tenant-quota'

export const ALERT_TASK = 'quotaAlertEmail'

/** The thresholds (fractions) that usage going from `before` to `after` of `max` crosses. */
export function crossedThresholds(thresholds: number[], before: number, after: number, max: null | number): number[] {
  if (max === null || max <= 0) return []
  return thresholds.filter((t) => before < t * max && after >= t * max)
}

/**
 * Record an alert for each threshold the change crossed — once per tenant, limit, threshold and
 * month (a unique index; a second crossing in the same month records nothing) — and queue the
 * email job in the same transaction, so an alert exists and is sent only if the change commits.
 */
export async function checkAlerts(req: PayloadRequest, quota: TenantQuota, limit: LimitName, before: number, after: number, period: string): Promise<void> {
  const max = quota.limits[limit]
  const crossed = crossedThresholds(quotaOptions(req.payload).alertThresholds, before, after, max)
  for (const threshold of crossed) {
    const percent = Math.round(threshold * 100)
    const row = await one<{ id: string }>(
      req,
      sql`insert into ${tableOf(req.payload, QUOTA_ALERTS)} (tenant_id, "limit", threshold, period, used, max)
          values (${quota.tenantId}, ${limit}, ${percent}, ${period}, ${after}, ${max})
          on conflict (tenant_id, "limit", threshold, period) do nothing returning id`,
    )
    if (row) {
      await req.payload.jobs.queue({ task: ALERT_TASK, input: { alertId: String(row.id), tenantId: quota.tenantId }, req })
    }
  }
}
