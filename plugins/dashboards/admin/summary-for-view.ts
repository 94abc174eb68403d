import { APIError, type PayloadRequest } from 'payload'

import type { ResolvedDashboardsOptions } from '../options'
import { loadSummary, type Summary } from '../summary/load'
import { loadPlatform, type Platform } from '../summary/platform'

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

/** The platform view's figures for `searchParams`, a bad period said as `error` above the default period's (as the home does). */
export async function platformForView(options: ResolvedDashboardsOptions, req: PayloadRequest, searchParams: Record<string, unknown> | undefined): Promise<{ platform: Platform; error?: string }> {
  try {
    return { platform: await loadPlatform(options, req, searchParams) }
  } catch (refusal) {
    if (!(refusal instanceof APIError) || refusal.status !== 400) throw refusal
    return { platform: await loadPlatform(options, req, {}), error: refusal.message }
  }
}
