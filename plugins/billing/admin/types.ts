/**
 * The answers of the billing endpoints (BILLING-CONTRACT, "Our REST API"), as the admin reads
 * them. Money is integer minor units with an uppercase currency code (`BDT`, `USD`); dates are
 * ISO strings. The server's summary and status endpoints (endpoints/summary.ts) are typed by
 * these, so the answer and what the admin reads cannot drift apart.
 */

export type Interval = 'month' | 'year'
export type SubscriptionStatus = 'none' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'incomplete' | 'unpaid' | 'comped'
export type PaymentMethodStatus = 'ok' | 'failing' | 'none'
export type Metric = 'monthlyMessages' | 'aiRequestsPerMonth' | 'shipmentsPerMonth'

export type SubscriptionSummary = {
  status: SubscriptionStatus
  interval: Interval | null
  currentPeriodEnd: null | string
  cancelAtPeriodEnd: boolean
  graceEndsAt: null | string
  paymentMethod: PaymentMethodStatus
}

export type PlanRef = { id: string; slug: string; name: string; priceMonthly: number; priceYearly: number; currency: string }
export type PlanChoice = PlanRef & { current: boolean }

export type UsageLine = {
  metric: Metric
  label: string
  /** Units included in the plan; null: unlimited. */
  included: null | number
  used: number
  /** Units above `included`. */
  overage: number
  /** Minor units per unit above `included`; null: no overage, refused at the limit. */
  unitPrice: null | number
  /** Minor units, in the summary's currency. */
  estimate: number
}

export type InvoiceRow = {
  id: string
  number: null | string
  periodStart: null | string
  periodEnd: null | string
  amountDue: number
  amountPaid: number
  currency: string
  status: string
  hostedUrl: null | string
  pdfUrl: null | string
}

export type TenantFacts = { id: string; name: string; status: string; trialEndsAt: null | string; suspendedReason: null | string }

/** GET /api/billing/summary[?tenant=]. */
export type BillingSummary = {
  enabled: boolean
  /** When `enabled` is false: why ("Billing is not set up on this server (STRIPE_SECRET_KEY)"). */
  reason?: string
  currency: string
  tenant: TenantFacts
  plan: PlanRef | null
  subscription: SubscriptionSummary
  nextInvoice: { date: string; amount: number; currency: string } | null
  usage: UsageLine[]
  invoices: InvoiceRow[]
  plans: PlanChoice[]
}

/** GET /api/billing/status[?tenant=] (the past-due banner). */
export type BillingStatus = { status: SubscriptionStatus; graceEndsAt: null | string; suspendedReason: null | string }

/** POST /api/billing/checkout and /api/billing/portal. */
export type RedirectAnswer = { url: string }
/** POST /api/billing/change, /cancel, /comp. */
export type SubscriptionAnswer = { subscription: SubscriptionSummary }
/** POST /api/billing/sync-prices. */
export type SyncPricesAnswer = { products: number; created: number; archived: number; meters: number }

export type StatusCounts = { active: number; trialing: number; past_due: number; canceled: number; comped: number; none: number }

/** GET /api/billing/overview (super-admin). */
export type BillingOverview = {
  currencyTotals: { currency: string; mrr: number }[]
  byStatus: StatusCounts
  failedPayments: { tenant: { id: string; name: string }; invoice: string; amountDue: number; currency: string; attemptCount: number; at: string }[]
  tenants: { id: string; name: string; plan: null | string; status: string; subscription: SubscriptionStatus; mrr: number; currency: string }[]
}
