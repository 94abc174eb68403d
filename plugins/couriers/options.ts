import type { PayloadRequest } from 'payload'

import type { CouriersHost } from './host'
import type { Provider } from './providers/types'

/** The plugin's own settings (all optional, documented defaults). */
export type CouriersSettings = {
  /** @default true — false leaves the config untouched. */
  enabled?: boolean
  /**
   * Each provider's API base, read at call time so tests point them at tests/fakes/couriers.
   * @default STEADFAST_URL ?? 'https://portal.packzy.com/api/v1', PATHAO_URL ?? 'https://api-hermes.pathao.com', REDX_URL ?? 'https://openapi.redx.com.bd/v1.0.0-beta'
   */
  baseUrls?: Partial<Record<Provider, string>>
  /** Calls per minute each provider is paced to, per account. @default { steadfast: 120, pathao: 50, redx: 60 } (Pathao's gateway refuses past ~60) */
  callsPerMinute?: Partial<Record<Provider, number>>
  /** A provider call that takes longer is abandoned (and the job retried). @default 15_000 */
  timeoutMs?: number
  /** Largest webhook body accepted (413 past it). @default 262_144 */
  maxWebhookBytes?: number
  /** Pathao's handshake echo value when an account has not chosen one. @default the account's own webhook secret */
  pathaoHandshakeDefault?: 'secret' | 'fixed'
  /** Work queued by a webhook or a booking starts within this many ms in this process; 0 leaves it to the runner's poll. @default COURIERS_JOBS_DEBOUNCE_MS ?? 100 */
  runJobsAfterMs?: number
  /** The public origin webhook URLs are shown with. @default SERVER_URL */
  publicUrl?: string
}

export type CouriersPluginOptions = CouriersSettings & CouriersHost

export type ResolvedCouriersOptions = Required<Omit<CouriersSettings, 'baseUrls' | 'callsPerMinute' | 'publicUrl'>> & {
  baseUrls: Partial<Record<Provider, string>>
  callsPerMinute: Record<Provider, number>
  publicUrl?: string
} & CouriersHost

export function resolveOptions(options: CouriersPluginOptions): ResolvedCouriersOptions {
  const debounce = Number(process.env.COURIERS_JOBS_DEBOUNCE_MS ?? 100)
  return {
    ...options,
    enabled: options.enabled ?? true,
    baseUrls: options.baseUrls ?? {},
    callsPerMinute: { steadfast: 120, pathao: 50, redx: 60, ...options.callsPerMinute },
    timeoutMs: options.timeoutMs ?? 15_000,
    maxWebhookBytes: options.maxWebhookBytes ?? 262_144,
    pathaoHandshakeDefault: options.pathaoHandshakeDefault ?? 'secret',
    runJobsAfterMs: options.runJobsAfterMs ?? (Number.isFinite(debounce) ? debounce : 100),
  }
}

const DEFAULT_URLS: Record<Provider, string> = {
  steadfast: 'https://portal.packzy.com/api/v1',
  pathao: 'https://api-hermes.pathao.com',
  redx: 'https://openapi.redx.com.bd/v1.0.0-beta',
}
const ENV_URLS: Record<Provider, string> = { steadfast: 'STEADFAST_URL', pathao: 'PATHAO_URL', redx: 'REDX_URL' }

/** The provider's API base: the option, else its environment variable, else production. Read per call. */
export const baseUrlOf = (o: ResolvedCouriersOptions, provider: Provider) => (o.baseUrls[provider] ?? process.env[ENV_URLS[provider]] ?? DEFAULT_URLS[provider]).replace(/\/+$/, '')

export const COURIERS_OPTIONS_KEY = 'couriers'

/** The options of the running config (kept in `config.custom`, server-side only). */
export function couriersOptions(config: { custom?: Record<string, unknown> }): ResolvedCouriersOptions {
  const options = config.custom?.[COURIERS_OPTIONS_KEY] as ResolvedCouriersOptions | undefined
  if (!options) throw new Error('plugins/couriers: couriersPlugin(options) is not in this config.')
  return options
}

export const hostOf = (req: Pick<PayloadRequest, 'payload'>): ResolvedCouriersOptions => couriersOptions(req.payload.config)

/** A tenant's courier settings (tenants.settings.couriers), defaults filled in. */
export type TenantCourierSettings = {
  /** A cash order whose phone delivered less than this share (%) of its past shipments is flagged risky. */
  riskThreshold: number
  /** A delivered COD shipment not settled after this many days is flagged. */
  settleAfterDays: number
  /** Non-terminal shipments not heard of for this many hours are polled. */
  pollAfterHours: number
}
export const DEFAULT_COURIER_SETTINGS: TenantCourierSettings = { riskThreshold: 60, settleAfterDays: 7, pollAfterHours: 6 }

export function courierSettingsOf(settings: Record<string, unknown>): TenantCourierSettings {
  const given = settings.couriers && typeof settings.couriers === 'object' ? (settings.couriers as Partial<TenantCourierSettings>) : {}
  const num = (v: unknown, d: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : d)
  return {
    riskThreshold: num(given.riskThreshold, DEFAULT_COURIER_SETTINGS.riskThreshold, 0, 100),
    settleAfterDays: num(given.settleAfterDays, DEFAULT_COURIER_SETTINGS.settleAfterDays, 1, 90),
    pollAfterHours: num(given.pollAfterHours, DEFAULT_COURIER_SETTINGS.pollAfterHours, 1, 168),
  }
}
