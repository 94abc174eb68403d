import { initTransaction, killTransaction, type PayloadRequest } from 'payload'

import { quotaOptions, type TenantChoice } from '../options'
import { dailyHistory, monthlyTrend, tenantUsage, usageOverview, type DailyPoint, type MonthlyTrend, type TenantUsage } from '../usage'

export type UsagePage =
  | { kind: 'overview'; minPercent: number; plans: Map<string, string>; tenants: TenantUsage[] }
  | { kind: 'tenant'; choices: TenantChoice[]; guessed: boolean; history: DailyPoint[]; plans: Map<string, string>; trend: MonthlyTrend; usage: null | TenantUsage }
  | { kind: 'none'; choices: TenantChoice[]; message: string }

/** Plan names by slug (plans are readable by every signed-in user; this is the platform's own lookup). */
async function planNames(req: PayloadRequest): Promise<Map<string, string>> {
  const { docs } = await req.payload.find({
    collection: quotaOptions(req.payload).plansSlug as 'plans',
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
    select: { name: true, slug: true },
  })
  return new Map(docs.map((plan) => [plan.slug, plan.name]))
}

/**
 * Everything the Usage view shows, read in one read-only transaction of its own (rolled back at
 * the end), so the numbers come from one snapshot; the tenant context of row-level security is
 * set on that transaction from the page's user (src/db/rls/adapter.ts).
 */
export async function loadUsagePage(
  pageReq: PayloadRequest,
  searchParams: Record<string, string | string[] | undefined> | undefined,
  cookies: Map<string, string> | undefined,
  minPercent: number,
): Promise<UsagePage> {
  // A copy, so the transaction never leaks into the nav and template rendered with the page's req.
  const req = { ...pageReq, context: { ...pageReq.context }, transactionID: undefined } as PayloadRequest
  await initTransaction(req)
  try {
    const target = await quotaOptions(req.payload).admin.viewTarget(req, searchParams, cookies)
    if (target.kind === 'none') return target
    if (target.kind === 'overview') {
      const [tenants, plans] = await Promise.all([usageOverview(req, minPercent), planNames(req)])
      return { kind: 'overview', minPercent, plans, tenants }
    }
    // One after another: they share the transaction's single connection.
    const usage = await tenantUsage(req, target.tenantId)
    const trend = await monthlyTrend(req, target.tenantId, 12)
    const history = await dailyHistory(req, target.tenantId, 30)
    const plans = await planNames(req)
    return { ...target, history, plans, trend, usage }
  } finally {
    await killTransaction(req)
  }
}
