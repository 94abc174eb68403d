import type { PayloadRequest } from 'payload'

import type { BillingHost } from './host'

/** The plugin's own settings (all optional, documented defaults; read per call so tests can change them). */
export type BillingSettings = {
  /** @default true — false leaves the config untouched. */
  enabled?: boolean
  /** @default STRIPE_SECRET_KEY — without it billing is off (plans are set by the super-admin, as before). */
  secretKey?: () => string | undefined
  /** Webhook signing secrets; more than one during a rotation. @default STRIPE_WEBHOOK_SECRET (comma-separated) */
  webhookSecrets?: () => string[]
  /** Stripe's API origin. @default STRIPE_API_URL (tests: tests/fakes/stripe) or https://api.stripe.com */
  apiUrl?: () => string | undefined
  /** Days a past-due shop keeps working before it is suspended ("Unpaid invoice"). @default BILLING_GRACE_DAYS ?? 7 */
  graceDays?: () => number
  /** The public origin checkout and portal return to. @default SERVER_URL, else the origin of the request (`req`) that starts them, else http://localhost:3000 */
  publicUrl?: (req?: Pick<PayloadRequest, 'url'>) => string
  /** Work queued by a webhook starts within this many ms in this process; 0 leaves it to the runner. @default BILLING_JOBS_DEBOUNCE_MS ?? 100 */
  runJobsAfterMs?: number
}

export type BillingPluginOptions = BillingSettings & BillingHost
export type ResolvedBillingOptions = Required<BillingSettings> & BillingHost

const env = (name: string) => process.env[name]?.trim() || undefined

export function resolveOptions(options: BillingPluginOptions): ResolvedBillingOptions {
  const debounce = Number(process.env.BILLING_JOBS_DEBOUNCE_MS ?? 100)
  return {
    ...options,
    enabled: options.enabled ?? true,
    secretKey: options.secretKey ?? (() => env('STRIPE_SECRET_KEY')),
    webhookSecrets:
      options.webhookSecrets ??
      (() =>
        (env('STRIPE_WEBHOOK_SECRET') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)),
    apiUrl: options.apiUrl ?? (() => env('STRIPE_API_URL')),
    graceDays:
      options.graceDays ??
      (() => {
        const days = Number(env('BILLING_GRACE_DAYS') ?? 7)
        return Number.isFinite(days) && days >= 0 ? days : 7
      }),
    publicUrl: options.publicUrl ?? ((req) => (env('SERVER_URL') ?? (req?.url ? new URL(req.url).origin : 'http://localhost:3000')).replace(/\/+$/, '')),
    runJobsAfterMs: options.runJobsAfterMs ?? (Number.isFinite(debounce) ? debounce : 100),
  }
}

export const BILLING_OPTIONS_KEY = 'billing'

export function billingOptions(config: { custom?: Record<string, unknown> }): ResolvedBillingOptions {
  const options = config.custom?.[BILLING_OPTIONS_KEY] as ResolvedBillingOptions | undefined
  if (!options) throw new Error('plugins/billing: billingPlugin(options) is not in this config.')
  return options
}

export const hostOf = (req: Pick<PayloadRequest, 'payload'>): ResolvedBillingOptions => billingOptions(req.payload.config)
