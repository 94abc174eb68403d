import { APIError, type Endpoint, type PayloadRequest } from 'payload'

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
      throw new APIError('This is Meta’s webhook: the verification needs hub.mode=subscribe and the configured hub.verify_token.', 403, { error: 'forbidden' }, true)
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
      throw new APIError('The Meta app secret is not configured on this server, so no delivery can be checked.', 503, { error: 'not_configured' }, true)
    }
    let raw: Buffer
    try {
      raw = await readRawBody(req as unknown as Request, options.maxBodyBytes)
    } catch (error) {
      // Coded in `data`, so the host's error handling answers its one error shape (413).
      if (error instanceof BodyTooLargeError) throw new APIError(`${error.message} Meta’s deliveries are smaller; this is not one.`, 413, { error: 'payload_too_large' }, true)
      throw error
    }
    if (!signatureMatches(raw, req.headers.get('x-hub-signature-256'), secret)) {
      req.payload.logger.warn({ ip: req.headers.get('x-forwarded-for') }, 'Meta webhook with a missing or wrong X-Hub-Signature-256: refused')
      throw new APIError(
        'X-Hub-Signature-256 does not match the body: deliveries must be signed with the app secret.',
        401,
        { error: 'unauthorized', errors: [{ path: 'x-hub-signature-256', message: 'Does not match the body.' }] },
        true,
      )
    }
    let body: unknown
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      throw new APIError('The body is not JSON.', 400, { error: 'invalid_json' }, true)
    }
    const events = extractEvents(body)
    const { stored, duplicates, unknown } = await storeEvents(req, events)
    if (unknown.length > 0) req.payload.logger.info({ ids: unknown }, 'Meta webhook events for ids no tenant owns verified: acknowledged, not stored')
    return json(200, { received: events.length, stored, duplicates, unknown: unknown.length })
  }

export const webhookEndpoints = (options: ResolvedMetaOptions): Endpoint[] => [
  { path: options.webhookPath, method: 'get', handler: verify(options) },
  // `custom.body` tells the host's body guard what this reads (the app's: src/http/body-rules.ts).
  { path: options.webhookPath, method: 'post', handler: receive(options), custom: { body: { accepts: ['application/json'], maxBytes: options.maxBodyBytes } } },
]
