import type { Endpoint, PayloadRequest } from 'payload'

import { AppError } from '../../../src/errors/app-error'
import { appSecretOf, verifyTokenOf, type ResolvedMetaOptions } from '../options'
import { extractEvents } from './extract-events'
import { BodyTooLargeError, readRawBody } from './read-body'
import { signatureMatches } from './signature'
import { storeEvents } from './store-events'

const json = (status: number, body: unknown) => Response.json(body, { status })

/**
 * GET: Meta's subscription check (reference §1.3) — the challenge back as plain text, else 403.
 * Refusals, here and in POST, are the API's one error body (src/errors): Meta reads only the
 * status, and everyone else gets a body that says what was wrong.
 */
const verify =
  (options: ResolvedMetaOptions) =>
  async (req: PayloadRequest): Promise<Response> => {
    const params = new URL(req.url ?? 'http://localhost').searchParams
    const expected = verifyTokenOf(options)
    if (params.get('hub.mode') !== 'subscribe' || !expected || params.get('hub.verify_token') !== expected) {
      throw new AppError('forbidden', 'This is Meta’s webhook: the verification needs hub.mode=subscribe and the configured hub.verify_token.')
    }
    return new Response(params.get('hub.challenge') ?? '', { status: 200, headers: { 'content-type': 'text/plain' } })
  }

/**
 * POST: one delivery. The raw body (at most `maxBodyBytes`, else 413) is checked against
 * X-Hub-Signature-256 (mismatch → 401, nothing stored); each event is routed to the tenant that
 * owns its verified page, number or WABA (unknown or unverified ids → logged, acknowledged, not
 * stored), stored once per
 * event key, and left to a job; the answer is 200 as soon as the events are committed.
 */
const receive =
  (options: ResolvedMetaOptions) =>
  async (req: PayloadRequest): Promise<Response> => {
    const secret = appSecretOf(options)
    if (!secret) {
      req.payload.logger.error('Meta webhook called but META_APP_SECRET is not set: refusing it')
      throw new AppError('internal_error', 'The Meta app secret is not configured on this server, so no delivery can be checked.', { status: 503 })
    }
    let raw: Buffer
    try {
      raw = await readRawBody(req as unknown as Request, options.maxBodyBytes)
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new AppError('payload_too_large', `${error.message} Meta's deliveries are smaller; this is not one.`)
      throw error
    }
    if (!signatureMatches(raw, req.headers.get('x-hub-signature-256'), secret)) {
      req.payload.logger.warn({ ip: req.headers.get('x-forwarded-for') }, 'Meta webhook with a missing or wrong X-Hub-Signature-256: refused')
      throw new AppError('unauthorized', 'X-Hub-Signature-256 does not match the body: deliveries must be signed with the app secret.', { path: 'x-hub-signature-256' })
    }
    let body: unknown
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      throw new AppError('invalid_json', 'The body is not JSON.')
    }
    const events = extractEvents(body)
    const { stored, duplicates, unknown } = await storeEvents(req, events)
    if (unknown.length > 0) req.payload.logger.info({ ids: unknown }, 'Meta webhook events for ids no tenant owns verified: acknowledged, not stored')
    return json(200, { received: events.length, stored, duplicates, unknown: unknown.length })
  }

export const webhookEndpoints = (options: ResolvedMetaOptions): Endpoint[] => [
  { path: options.webhookPath, method: 'get', handler: verify(options) },
  { path: options.webhookPath, method: 'post', handler: receive(options) },
]
