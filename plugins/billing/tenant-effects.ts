import type { PayloadRequest } from 'payload'

import type { Tenant } from '../../payload-types'
import { hostOf } from './options'

/** Suspension reasons billing sets, and may lift again when the shop pays. */
export const BILLING_REASONS = { unpaid: 'Unpaid invoice', ended: 'Subscription ended', trial: 'Trial ended' } as const
const LIFTABLE = new Set<string>(Object.values(BILLING_REASONS))

// In the shop's own tenant context (the database shows a context its own tenant row), never the
// platform's bypass: these run inside the event's transaction, opened in that context.
const readTenant = (req: PayloadRequest, tenantId: string) => req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req })

const writeTenant = (req: PayloadRequest, tenantId: string, data: Partial<Tenant>) => req.payload.update({ collection: 'tenants', id: tenantId, data, depth: 0, overrideAccess: true, req })

/** Tell the shop's tenant-admins, in the shop's email (the host's sendShopEmail), with a button to Billing in the admin. */
export async function emailAdmins(req: PayloadRequest, tenantId: string, subject: string, text: string): Promise<void> {
  const { tenancy } = hostOf(req)
  const admins = await tenancy.tenantAdmins(req, tenantId)
  const action = { label: 'Open billing', url: `${req.payload.config.serverURL || ''}/admin/billing` }
  for (const admin of admins) await tenancy.sendShopEmail(req.payload, { tenantId, to: admin.email, subject, paragraphs: [text], action })
}

/**
 * A paid (or trialing) subscription: the shop is on that plan and usable — a trial becomes
 * active, and a suspension billing made (unpaid, ended, trial ended) is lifted. A suspension the
 * super-admin made for another reason stays. Audited by the tenants collection's own trail.
 */
export async function activate(req: PayloadRequest, tenantId: string, planId: null | string): Promise<Tenant> {
  const tenant = await readTenant(req, tenantId)
  const data: Partial<Tenant> = {}
  if (planId && (typeof tenant.plan === 'object' ? tenant.plan?.id : tenant.plan) !== planId) data.plan = planId
  if (tenant.status === 'trial' || (tenant.status === 'suspended' && LIFTABLE.has(tenant.suspendedReason ?? ''))) data.status = 'active'
  return Object.keys(data).length > 0 ? await writeTenant(req, tenantId, data) : tenant
}

/** Suspend the shop for a billing reason (unless it is already suspended or deleted). Answers whether it changed. */
export async function suspend(req: PayloadRequest, tenantId: string, reason: string): Promise<boolean> {
  const tenant = await readTenant(req, tenantId)
  if (tenant.status === 'suspended' || tenant.status === 'cancelled' || tenant.deletedAt) return false
  await writeTenant(req, tenantId, { status: 'suspended', suspendedReason: reason })
  return true
}

export const shopName = async (req: PayloadRequest, tenantId: string) => {
  const t = await readTenant(req, tenantId)
  return t.displayName || t.name
}
export { readTenant }
