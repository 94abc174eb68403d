import type { PayloadRequest, TaskConfig } from 'payload'

import { ALERT_TASK } from '../alerts'
import { QUOTA_ALERTS } from '../collections/QuotaAlerts'
import { limitWords } from '../errors'
import { quotaOptions, type LimitName, type QuotasTenancy } from '../options'

type Alert = { id: string; limit: LimitName; threshold: number; used: number; max: number; period: string; emailedAt?: null | string }

export function alertEmail(alert: Alert, shop: string, usageUrl: string) {
  const what = limitWords(alert.limit)
  const monthly = alert.limit.endsWith('PerMonth') || alert.limit === 'monthlyMessages'
  const reached = alert.threshold >= 100 ? 'reached its limit of' : `used ${alert.threshold}% of its limit of`
  const next =
    alert.threshold >= 100 ? `Nothing more can be added${monthly ? ' until next month' : ''} unless the plan is upgraded or the limit raised.` : 'Consider upgrading the plan before the limit is reached.'
  const subject = `${shop}: ${alert.threshold}% of your ${what} limit used`
  const paragraphs = [`${shop} has ${reached} ${alert.max} ${what} (${alert.used} of ${alert.max}${monthly ? `, ${alert.period}` : ''}).`, next]
  return { subject, paragraphs, action: { label: 'See your usage', url: usageUrl } }
}

/**
 * Email one recorded quota alert to its tenant's tenant-admins (one message each), then note
 * who got it. Runs in the alert's tenant context; a retry after success sends nothing.
 */
export const alertEmailTask = ({ runWithTenant }: Pick<QuotasTenancy, 'runWithTenant'>): TaskConfig<typeof ALERT_TASK> => ({
  slug: ALERT_TASK,
  label: 'Quota alert email',
  retries: 3,
  inputSchema: [
    { name: 'alertId', type: 'text', required: true },
    { name: 'tenantId', type: 'text', required: true },
  ],
  handler: async ({ input, req }) => {
    const { alertId, tenantId } = input
    return runWithTenant({ tenantId, via: 'job' }, async () => ({ output: await sendAlert(req, alertId, tenantId) }))
  },
})

async function sendAlert(req: PayloadRequest, alertId: string, tenantId: string) {
  const { payload } = req
  const alert = (await payload.findByID({ collection: QUOTA_ALERTS as 'tenants', id: alertId, depth: 0, overrideAccess: true, req })) as unknown as Alert
  if (alert.emailedAt) return { sent: 0 }
  const { tenancy, tenantsSlug } = quotaOptions(payload)
  const tenant = await payload.findByID({ collection: tenantsSlug as 'tenants', id: tenantId, depth: 0, overrideAccess: true, req })
  const admins = await tenancy.tenantAdmins(req, tenantId)
  const shop = tenant.displayName || tenant.name
  const email = alertEmail(alert, shop, `${process.env.SERVER_URL ?? ''}/admin/usage`)
  for (const admin of admins) await tenancy.sendShopEmail(payload, { ...email, tenantId, to: admin.email })
  await payload.update({
    collection: QUOTA_ALERTS as 'tenants',
    id: alertId,
    data: { emailedTo: admins.map((a) => a.email).join(', '), emailedAt: new Date().toISOString() } as never,
    overrideAccess: true,
    req,
  })
  return { sent: admins.length }
}
