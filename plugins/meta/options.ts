import type { PayloadRequest } from 'payload'

import type { MetaHost } from './host'

export type { MetaHost } from './host'

/** The plugin's own settings (all optional, documented defaults). */
export type MetaSettings = {
  /** @default true — false leaves the config untouched. */
  enabled?: boolean
  /**
   * Graph API origin. Read at call time so tests can point it at tests/fakes/meta.
   * @default process.env.META_GRAPH_URL ?? 'https://graph.facebook.com'
   */
  graphUrl?: string
  /** @default process.env.META_GRAPH_VERSION ?? 'v21.0' */
  graphVersion?: string
  /** The Meta app secret that signs webhooks. @default process.env.META_APP_SECRET */
  appSecret?: string
  /** The token Meta echoes when the webhook is verified. @default process.env.META_VERIFY_TOKEN */
  verifyToken?: string
  /** The webhook's path under /api. @default '/meta/webhook' */
  webhookPath?: string
  /** Larger webhook bodies are refused with 413 before they are read. @default 1_048_576 (1 MiB) */
  maxBodyBytes?: number
  /** A Graph call that takes longer is abandoned (and retried when it was a send). @default 10_000 */
  graphTimeoutMs?: number
  /**
   * Work queued by a webhook or a reply starts in this process within this many milliseconds
   * instead of waiting for the next poll of the job runner; 0 leaves it to the poll.
   * @default process.env.META_JOBS_DEBOUNCE_MS ?? 100
   */
  runJobsAfterMs?: number
}

/** The plugin's options: its settings and the host's pieces (required: the plugin imports nothing of the app). */
export type MetaPluginOptions = MetaSettings & MetaHost

export type ResolvedMetaOptions = Required<Omit<MetaSettings, 'graphUrl' | 'graphVersion' | 'appSecret' | 'verifyToken'>> &
  Pick<MetaSettings, 'graphUrl' | 'graphVersion' | 'appSecret' | 'verifyToken'> &
  MetaHost

export function resolveOptions(options: MetaPluginOptions): ResolvedMetaOptions {
  const debounce = Number(process.env.META_JOBS_DEBOUNCE_MS ?? 100)
  return {
    ...options,
    enabled: options.enabled ?? true,
    webhookPath: options.webhookPath ?? '/meta/webhook',
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    graphTimeoutMs: options.graphTimeoutMs ?? 10_000,
    runJobsAfterMs: options.runJobsAfterMs ?? (Number.isFinite(debounce) ? debounce : 100),
  }
}

/**
 * The options of the running config (set by the plugin in `config.custom`, which Payload keeps
 * server-side) — settings and host pieces, for code that has a `req` or a `payload` only.
 */
export const META_OPTIONS_KEY = 'meta'
export function metaOptions(config: { custom?: Record<string, unknown> }): ResolvedMetaOptions {
  const options = config.custom?.[META_OPTIONS_KEY] as ResolvedMetaOptions | undefined
  if (!options) throw new Error('plugins/meta: metaPlugin(options) is not in this config.')
  return options
}

/** The running plugin's options (host pieces included) from a request. */
export const hostOf = (req: Pick<PayloadRequest, 'payload'>): ResolvedMetaOptions => metaOptions(req.payload.config)

export const graphUrlOf = (o: ResolvedMetaOptions) => (o.graphUrl ?? process.env.META_GRAPH_URL ?? 'https://graph.facebook.com').replace(/\/+$/, '')
export const graphVersionOf = (o: ResolvedMetaOptions) => o.graphVersion ?? process.env.META_GRAPH_VERSION ?? 'v21.0'
export const appSecretOf = (o: ResolvedMetaOptions) => o.appSecret ?? process.env.META_APP_SECRET ?? ''
export const verifyTokenOf = (o: ResolvedMetaOptions) => o.verifyToken ?? process.env.META_VERIFY_TOKEN ?? ''
