import { APIError, type PayloadRequest } from 'payload'

import type { ResolvedDashboardsOptions } from '../options'
import { loadSummary, type Summary } from '../summary/load'

/**
 * The summary an admin view (the home, the Reports) shows for `searchParams`: a bad period is
 * said as `error` above the default period's figures, never a broken page.
 */
export async function summaryForView(
  options: ResolvedDashboardsOptions,
  req: PayloadRequest,
  tenantId: string,
  searchParams: Record<string, unknown> | undefined,
): Promise<{ summary: Summary; error?: string }> {
  const work = { tenantId, via: 'user' as const, userId: String(req.user!.id) }
  try {
    return { summary: await options.tenancy.runWithTenant(work, () => loadSummary(options, req, tenantId, searchParams)) }
  } catch (refusal) {
    if (!(refusal instanceof APIError) || refusal.status !== 400) throw refusal
    return { summary: await options.tenancy.runWithTenant(work, () => loadSummary(options, req, tenantId, {})), error: refusal.message }
  }
}
