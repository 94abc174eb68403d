import { type Payload, type PayloadRequest, type TaskConfig, type TaskInput } from 'payload'

import type { Tenant } from '../../payload-types'
import { sendShopEmail } from '../email/send-shop-email'
import { tenantTask } from '../jobs/tenant-task'
import { queueForTenantsWhere } from '../jobs/queue-for-tenants'
import { tenantAdmins } from './tenant-admins'

export const TRIAL_CHECK_TASK = 'trialCheck'
export const QUEUE_TRIAL_CHECKS_TASK = 'queueTrialChecks'

const DAY = 86_400_000
const WARNINGS = [
  { key: '7d', days: 7 },
  { key: '1d', days: 1 },
] as const

/**
 * What happens when a trial ends: TRIAL_EXPIRY_ACTION = `suspend` (default) or `plan:<slug>`
 * (move to that plan, e.g. a free one, and become active).
 */
export const trialExpiryAction = (): { kind: 'suspend' } | { kind: 'plan'; slug: string } => {
  const value = (process.env.TRIAL_EXPIRY_ACTION ?? 'suspend').trim()
  return value.startsWith('plan:') && value.length > 5 ? { kind: 'plan', slug: value.slice(5) } : { kind: 'suspend' }
}

async function emailAdmins(req: PayloadRequest, tenant: Tenant, subject: string, text: string): Promise<number> {
  const admins = await tenantAdmins(req, tenant.id)
  for (const admin of admins) {
    await sendShopEmail(req.payload, { tenantId: tenant.id, to: admin.email, subject, paragraphs: [text], action: { label: 'Open billing', url: `${process.env.SERVER_URL ?? ''}/admin/billing` } })
  }
  return admins.length
}

/**
 * One trial tenant: 7 days and 1 day before `trialEndsAt` its tenant-admins are warned (once
 * each, remembered in `trialWarnings`); once it has ended, the tenant is suspended (reason
 * "Trial ended") or moved to the configured plan.
 */
export async function checkTrial(req: PayloadRequest, tenantId: string, now = new Date()): Promise<string> {
  const tenant: Tenant = await req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req })
  if (tenant.status !== 'trial' || !tenant.trialEndsAt) return 'not in trial'
  const left = Date.parse(tenant.trialEndsAt) - now.getTime()
  const name = tenant.displayName || tenant.name
  const update = (data: Partial<Tenant>) => req.payload.update({ collection: 'tenants', id: tenant.id, data, overrideAccess: true, req })
  if (left <= 0) {
    const action = trialExpiryAction()
    if (action.kind === 'plan') {
      const { docs } = await req.payload.find({ collection: 'plans', where: { slug: { equals: action.slug } }, limit: 1, depth: 0, overrideAccess: true, req })
      if (!docs[0]) throw new Error(`TRIAL_EXPIRY_ACTION names plan "${action.slug}", which does not exist`)
      await update({ status: 'active', plan: docs[0].id })
      await emailAdmins(req, tenant, `${name}: your trial has ended`, `The trial of ${name} has ended; the shop is now on the ${docs[0].name} plan.`)
      return `moved to ${action.slug}`
    }
    await update({ status: 'suspended', suspendedReason: 'Trial ended' })
    await emailAdmins(req, tenant, `${name}: your trial has ended`, `The trial of ${name} has ended and the shop is suspended. Choose a plan to reactivate it.`)
    return 'suspended'
  }
  const sent = new Set(tenant.trialWarnings ?? [])
  const due = WARNINGS.filter((w) => left <= w.days * DAY && !sent.has(w.key))
  if (due.length === 0) return 'nothing due'
  // The nearest warning only: a tenant found 1 day before the end is not also told "7 days".
  const warning = due[due.length - 1]
  const days = Math.max(1, Math.ceil(left / DAY))
  await emailAdmins(
    req,
    tenant,
    `${name}: your trial ends in ${days} day${days === 1 ? '' : 's'}`,
    `The trial of ${name} ends on ${tenant.trialEndsAt.slice(0, 10)}. Choose a plan before then to keep the shop running.`,
  )
  await update({ trialWarnings: [...new Set([...sent, ...due.map((w) => w.key)])] as Tenant['trialWarnings'] })
  return `warned ${warning.key}`
}

export const trialCheckTask = tenantTask<TaskInput<typeof TRIAL_CHECK_TASK>, { result: string }>({
  slug: TRIAL_CHECK_TASK,
  label: 'Trial expiry',
  retries: 2,
  handler: async ({ input, req }) => ({ output: { result: await checkTrial(req, input.tenantId) } }),
})

/**
 * Queue a check for every trial tenant whose trial ends within 7 days (or has ended), but not a
 * second one for a tenant whose check is still waiting. Answers how many it queued.
 */
export async function queueTrialChecks(payload: Payload, now = new Date()): Promise<number> {
  const soon = new Date(now.getTime() + 7 * DAY).toISOString()
  return queueForTenantsWhere(payload, TRIAL_CHECK_TASK, { status: { equals: 'trial' }, trialEndsAt: { less_than_equal: soon } }, 'trial expiry schedule')
}

/** Daily at 08:00 server time (TRIAL_EXPIRY_CRON): queue the trial checks (queueTrialChecks). */
export const queueTrialChecksTask: TaskConfig<typeof QUEUE_TRIAL_CHECKS_TASK> = {
  slug: QUEUE_TRIAL_CHECKS_TASK,
  label: 'Queue the trial expiry checks',
  retries: 2,
  schedule: [{ cron: process.env.TRIAL_EXPIRY_CRON ?? '0 8 * * *', queue: 'default' }],
  handler: async ({ req }) => ({ output: { queued: await queueTrialChecks(req.payload) } }),
}
