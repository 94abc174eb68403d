import type { CollectionConfig, Config } from 'payload'
import { describe, expect, it } from 'vitest'

import {
  bannerText,
  checkoutReturnOf,
  errorText,
  formatMoney,
  formatPeriod,
  hasLiveSubscription,
  maySeeBilling,
  overageTotal,
  planAction,
  priceText,
  query,
  savingText,
  sortedPlans,
  statusRows,
  statusView,
  syncText,
  untilIso,
  usageBar,
  withBillingAdmin,
  withPlansAdmin,
  type BillingSummary,
  type PlanChoice,
  type SubscriptionSummary,
  type TenantFacts,
  type UsageLine,
} from '../../plugins/billing'

const sub = (over: Partial<SubscriptionSummary> = {}): SubscriptionSummary => ({
  status: 'active',
  interval: 'month',
  currentPeriodEnd: '2026-12-31T12:00:00.000Z',
  cancelAtPeriodEnd: false,
  graceEndsAt: null,
  paymentMethod: 'ok',
  ...over,
})
const plan = (over: Partial<PlanChoice> = {}): PlanChoice => ({ id: 'p1', slug: 'growth', name: 'Growth', priceMonthly: 150000, priceYearly: 1500000, currency: 'BDT', current: false, ...over })
const tenant: TenantFacts = { id: 't1', name: 'Rahim Store', status: 'active', trialEndsAt: null, suspendedReason: null }

describe('billing admin: money, dates, errors (format.ts)', () => {
  it('formats minor units with the narrow symbol, whatever the code’s case', () => {
    expect(formatMoney(445850, 'BDT')).toBe('৳4,458.50')
    expect(formatMoney(1900, 'usd')).toBe('$19.00')
    expect(formatMoney(null, 'BDT')).toBe('—')
  })
  it('reads periods, the comp’s “until” day, queries and errors in words', () => {
    expect(formatPeriod('2026-12-01T12:00:00Z', '2026-12-31T12:00:00Z')).toBe('1 Dec 2026 – 31 Dec 2026')
    expect(formatPeriod(null, null)).toBe('—')
    expect(untilIso('2026-12-31')).toBe('2026-12-31T23:59:59.000Z')
    expect(untilIso('')).toBeNull()
    expect(untilIso('2026-02-30')).toBeUndefined()
    expect(untilIso('31/12/2026')).toBeUndefined()
    expect(query({ tenant: null })).toBe('')
    expect(query({ tenant: 'abc' })).toBe('?tenant=abc')
    expect(errorText({ message: 'The input is not valid.', errors: [{ path: 'plan', message: 'Choose a plan.' }] })).toBe('The input is not valid. plan: Choose a plan.')
    expect(errorText({ message: 'Choose a plan.', errors: [{ path: 'plan', message: 'Choose a plan.' }] })).toBe('Choose a plan.')
  })
})

describe('billing admin: the plan picker (plans.ts)', () => {
  it('prices per interval, with the yearly saving', () => {
    expect(priceText(plan(), 'month')).toBe('৳1,500.00 / month')
    expect(priceText(plan(), 'year')).toBe('৳15,000.00 / year')
    expect(priceText(plan({ priceMonthly: 0 }), 'month')).toBe('Free')
    expect(savingText(plan())).toBe('Save ৳3,000.00 a year')
    expect(savingText(plan({ priceYearly: 1800000 }))).toBeNull()
    expect(sortedPlans([plan({ id: 'b', priceMonthly: 300 }), plan({ id: 'a', priceMonthly: 100 })], 'month').map((p) => p.id)).toEqual(['a', 'b'])
  })
  it('subscribes through Checkout without a live subscription, else changes with a proration warning', () => {
    expect(hasLiveSubscription(sub({ status: 'past_due' }))).toBe(true)
    expect(hasLiveSubscription(sub({ status: 'comped' }))).toBe(false)
    expect(planAction(plan(), 'month', sub({ status: 'none', interval: null }))).toEqual({ kind: 'checkout', label: 'Subscribe to Growth' })
    expect(planAction(plan({ current: true }), 'month', sub({ status: 'canceled' })).kind).toBe('checkout')
    expect(planAction(plan({ current: true }), 'month', sub())).toEqual({ kind: 'current' })
    const yearly = planAction(plan({ current: true }), 'year', sub())
    expect(yearly.kind === 'change' && yearly.label).toBe('Switch to yearly billing')
    const other = planAction(plan({ name: 'Pro' }), 'month', sub({ status: 'trialing' }))
    expect(other.kind).toBe('change')
    if (other.kind === 'change') expect(other.confirm).toMatch(/^Change the subscription to Pro \(৳1,500\.00 \/ month\)\? Proration applies/)
  })
})

describe('billing admin: usage bars (usage.ts)', () => {
  const line = (over: Partial<UsageLine>): UsageLine => ({ metric: 'monthlyMessages', label: 'Messages', included: 10000, used: 0, overage: 0, unitPrice: 50, estimate: 0, ...over })
  it('splits included used / left / overage and prices the overage in the shop’s currency', () => {
    const under = usageBar(line({ used: 8500 }), 'BDT')
    expect(under).toMatchObject({ level: 'warning', usedText: '8,500 of 10,000 included', segments: { usedIncluded: 85, leftIncluded: 15, overage: 0 }, overageText: null })
    const over = usageBar(line({ used: 12500, overage: 2500, estimate: 125000 }), 'BDT')
    expect(over).toMatchObject({ level: 'over', usedText: '12,500 used · 10,000 included', segments: { usedIncluded: 80, leftIncluded: 0, overage: 20 }, estimateText: '৳1,250.00' })
    expect(over.overageText).toBe('2,500 over × ৳0.50 = ৳1,250.00')
  })
  it('says when the plan sells no overage, and when a metric is unlimited', () => {
    expect(usageBar(line({ used: 10000, unitPrice: null }), 'BDT').overageText).toBe('no overage: refused at the limit')
    expect(usageBar(line({ included: null, used: 420 }), 'BDT')).toMatchObject({ level: 'unlimited', usedText: '420 used · unlimited' })
    expect(usageBar(line({ included: 0, used: 0 }), 'BDT').segments).toEqual({ usedIncluded: 0, leftIncluded: 0, overage: 0 })
    expect(overageTotal([line({ estimate: 100 }), line({ estimate: 900, unitPrice: null }), line({ estimate: 50 })])).toBe(150)
  })
})

describe('billing admin: statuses, the banner, the overview (status.ts)', () => {
  const summary = (s: Partial<SubscriptionSummary>, t: Partial<TenantFacts> = {}): Pick<BillingSummary, 'subscription' | 'tenant' | 'plan'> => ({
    subscription: sub(s),
    tenant: { ...tenant, ...t },
    plan: plan(),
  })
  it('says what a status means, with the grace end and a call to pay when past due', () => {
    const pastDue = statusView(summary({ status: 'past_due', graceEndsAt: '2026-12-10T12:00:00Z' }))
    expect(pastDue).toMatchObject({ label: 'Past due', tone: 'error', callToPay: true })
    expect(pastDue.lines[0]).toBe('The last payment failed. Pay the open invoice before 10 Dec 2026, or the shop will be suspended.')
    expect(statusView(summary({ status: 'trialing' }, { trialEndsAt: '2026-12-14T12:00:00Z' })).lines[0]).toBe('The trial ends on 14 Dec 2026; the first payment is taken then.')
    expect(statusView(summary({ cancelAtPeriodEnd: true })).lines[0]).toBe('Canceled: the plan ends on 31 Dec 2026 and is not renewed.')
    expect(statusView(summary({ status: 'active' }, { status: 'suspended', suspendedReason: 'Unpaid invoice' })).callToPay).toBe(true)
  })
  it('shows the banner only when past due or suspended for an unpaid invoice', () => {
    expect(bannerText({ status: 'past_due', graceEndsAt: '2026-12-10T12:00:00Z', suspendedReason: null })).toBe('Payment failed: the shop will be suspended on 10 Dec 2026 unless the invoice is paid.')
    expect(bannerText({ status: 'canceled', graceEndsAt: null, suspendedReason: 'Unpaid invoice' })).toMatch(/^The shop is suspended: an invoice is unpaid/)
    expect(bannerText({ status: 'active', graceEndsAt: null, suspendedReason: null })).toBeNull()
    expect(bannerText({ status: 'canceled', graceEndsAt: null, suspendedReason: 'Terms of service' })).toBeNull()
    expect(bannerText(null)).toBeNull()
  })
  it('lists every status for the chart, counts the sync and reads the Checkout return', () => {
    expect(statusRows({ active: 3, past_due: 1 }).map((r) => r.count)).toEqual([3, 0, 1, 0, 0, 0])
    expect(syncText({ products: 3, created: 6, archived: 2, meters: 3 })).toBe('Synced with Stripe: 3 products, 6 prices created, 2 archived, 3 meters.')
    expect(checkoutReturnOf('success')).toBe('success')
    expect(checkoutReturnOf('whatever')).toBeNull()
  })
})

describe('billing admin: the config wiring (admin-config.ts)', () => {
  const admin = { viewShell: '/src/admin/AdminViewShell#AdminViewShell', requireAdminUser: '/src/admin/AdminViewShell#requireAdminUser', navLink: '/src/admin/AdminNavLink#AdminNavLink' }
  const plans: CollectionConfig = { slug: 'plans', fields: [] }
  it('registers the view, the nav link, the banner, the dependencies and the plans’ sync button (once)', () => {
    const config = withBillingAdmin({ collections: [plans, { slug: 'orders', fields: [] }] } as unknown as Config, admin)
    expect(config.admin?.components?.views?.billing).toEqual({ Component: '/plugins/billing/admin/BillingView#BillingView', path: '/billing' })
    expect(config.admin?.components?.afterNavLinks).toEqual(['/plugins/billing/admin/BillingNavLink#BillingNavLink'])
    expect(config.admin?.components?.header).toEqual(['/plugins/billing/admin/PastDueBanner#PastDueBanner'])
    expect(config.admin?.dependencies?.['billing.requireAdminUser']).toEqual({ type: 'function', path: admin.requireAdminUser })
    expect(config.custom?.billingAdmin).toEqual(admin)
    const [withButton, orders] = config.collections ?? []
    expect(withPlansAdmin(withButton).admin?.components?.beforeListTable).toEqual(['/plugins/billing/admin/SyncPricesButton#SyncPricesButton'])
    expect(orders?.admin).toBeUndefined()
    expect(withBillingAdmin({} as Config, { viewShell: 'a', requireAdminUser: 'b' }).admin?.components?.afterNavLinks).toEqual([])
  })
  it('shows Billing to tenant-admins and the super-admin only', () => {
    expect(maySeeBilling({ roles: ['super-admin'] })).toBe(true)
    expect(maySeeBilling({ roles: ['user'], tenants: [{ tenant: 't1', role: 'tenant-admin' }] })).toBe(true)
    expect(maySeeBilling({ roles: ['user'], tenants: [{ tenant: 't1', role: 'sales-operator' }] })).toBe(false)
    expect(maySeeBilling(null)).toBe(false)
  })
})
