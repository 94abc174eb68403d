import type { Endpoint, PayloadRequest } from 'payload'

import { fail } from '../errors'
import { hostOf, type ResolvedCouriersOptions } from '../options'
import { adapterFor, PATHAO_FIXED_HANDSHAKE_SECRET } from '../providers'
import { CourierError, PROVIDERS, type Provider, type WebhookEvent } from '../providers/types'
import { webhookAccount } from './account'
import { readJsonBody } from './read-body'
import { PROCESS_TASK, storeEvents } from './store-events'

const lowerHeaders = (headers: Headers): Record<string, string> => Object.fromEntries([...headers.entries()].map(([k, v]) => [k.toLowerCase(), v]))

/**
 * POST /api/couriers/webhooks/:provider/:webhookId — one courier delivery for one account
 * (README, "Tracking"). The URL names the account by its webhook id; the provider's own proof
 * must match that account's secret (Steadfast `Authorization: Bearer`, Pathao
 * `X-PATHAO-Signature`, RedX `?token=`), else 401 and nothing is stored. A malformed body is a
 * 400 that stores nothing. Events are stored once per (account, event key) and applied by a job
 * in the account's tenant, so a body naming another shop's consignment can only ever reach this
 * account's shipments. The reply is what the provider expects (Pathao: 202 on the handshake and
 * the integration-secret header on every answer). The query string (RedX's token) is never logged.
 */
const receive =
  (options: ResolvedCouriersOptions) =>
  async (req: PayloadRequest): Promise<Response> => {
    const provider = String(req.routeParams?.provider ?? '') as Provider
    const webhookId = String(req.routeParams?.webhookId ?? '')
    if (!PROVIDERS.includes(provider)) throw fail('not_found', 'No such courier webhook.', 404)
    const account = await webhookAccount(req, webhookId)
    if (!account || account.provider !== provider) throw fail('not_found', 'No courier account has this webhook address.', 404)
    const body = await readJsonBody(req as unknown as Request, options.maxWebhookBytes)
    const adapter = adapterFor(provider, { baseUrl: '', credentials: {}, cache: NOOP_CACHE, beforeCall: async () => undefined, timeoutMs: 0 })
    const query = new URL(req.url ?? 'http://localhost').searchParams
    if (!adapter.authenticate({ headers: lowerHeaders(req.headers), query, body }, account.secret)) {
      req.payload.logger.warn({ provider, account: account.accountId }, 'courier webhook with a missing or wrong secret: refused')
      throw fail('unauthorized', `This webhook needs the account’s secret (${PROOF[provider]}).`, 401)
    }
    if (account.status === 'disabled') throw fail('forbidden', 'This courier account is disabled; nothing is received for it.', 403)
    let events: WebhookEvent[]
    try {
      events = adapter.parseWebhook(body)
    } catch (error) {
      if (error instanceof CourierError) throw fail('invalid_input', error.message, 400, { errors: error.fieldErrors })
      throw error
    }
    const { stored, duplicates } = await storeEvents(req, account, events)
    if (stored > 0) {
      await options.tenancy.runWithTenant({ tenantId: account.tenantId, via: 'job' }, () => options.jobs.queueForTenants(req, PROCESS_TASK, [account.tenantId]))
      if (options.runJobsAfterMs > 0) options.jobs.kickJobs(req.payload, options.runJobsAfterMs)
    }
    const handshake = account.handshake ?? options.pathaoHandshakeDefault
    const reply = adapter.reply(events, handshake === 'fixed' ? PATHAO_FIXED_HANDSHAKE_SECRET : account.secret)
    const answer = reply.body && typeof reply.body === 'object' ? { ...(reply.body as object), stored, duplicates } : reply.body
    return Response.json(answer, { status: reply.status, headers: reply.headers })
  }

const PROOF: Record<Provider, string> = {
  steadfast: 'Authorization: Bearer <secret>',
  pathao: 'X-PATHAO-Signature: <secret>',
  redx: '?token=<secret> in the callback URL',
}

const NOOP_CACHE = { get: async () => undefined, set: async () => undefined, delete: async () => undefined }

/** Under the couriers collection: /api/couriers/webhooks/:provider/:webhookId. */
export const webhookPath = '/webhooks/:provider/:webhookId'

export const webhookEndpoints = (options: ResolvedCouriersOptions): Endpoint[] => [
  { path: webhookPath, method: 'post', handler: receive(options), custom: { body: { accepts: ['application/json'], maxBytes: options.maxWebhookBytes } } },
]

/** The URL a courier account's webhook is configured with in the provider's panel. */
export function webhookUrlOf(req: PayloadRequest, account: { provider: string; webhookId?: null | string }, secret?: string): string {
  const origin = (hostOf(req).publicUrl ?? process.env.SERVER_URL ?? new URL(req.url ?? 'http://localhost').origin).replace(/\/+$/, '')
  const url = `${origin}/api/couriers/webhooks/${account.provider}/${account.webhookId ?? ''}`
  return account.provider === 'redx' && secret ? `${url}?token=${encodeURIComponent(secret)}` : url
}
