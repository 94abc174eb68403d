import type { SanitizedConfig } from 'payload'

import { AppError } from '../errors/app-error'
import { declaredLength, mediaTypeOf, readLimited, tooLarge, withBody } from './body-bytes'
import { bodyRuleFor, type BodyRule } from './body-rules'
import { checkDocumentJson } from './json-shape'
import type { RouteContext, RouteHandler as Handler } from './route-handler'

const EMPTY_OBJECT = new TextEncoder().encode('{}')

const unsupported = (type: string, accepts: readonly string[]) =>
  new AppError('unsupported_media_type', `This route reads ${accepts.join(' or ')}${type ? `, not ${type}` : ''}; set Content-Type to one of them.`)

/**
 * A body without Content-Type: Payload reads none, so a create or update would run with no data
 * at all (a 500). Empty (a logout, a token refresh) it is sent on as `{}`, what Payload makes of
 * an empty JSON body; with bytes it is refused.
 */
async function untyped(request: Request, accepts: readonly string[], maxBytes: number): Promise<Request> {
  if ((await readLimited(request, maxBytes)).byteLength > 0) throw unsupported('', accepts)
  const headers = new Headers(request.headers)
  headers.set('content-type', 'application/json')
  headers.delete('content-length')
  return withBody(request, EMPTY_OBJECT, headers)
}

/**
 * Payload takes a form's `_payload` field as the document (JSON.parse, unchecked) and ignores
 * the other fields; without it a create or update has no data (a 500), except an upload, whose
 * file is enough. A form that does not parse here is left to Payload's parser to refuse.
 */
async function checkForm(request: Request, bytes: Uint8Array, rule: BodyRule): Promise<void> {
  const form = await withBody(request, bytes)
    .formData()
    .catch(() => null)
  if (!form) return
  const document = form.get('_payload')
  if (document === null && rule.upload) return
  if (typeof document !== 'string' || document.trim() === '') {
    throw new AppError('invalid_input', 'Send the document as JSON in the form field `_payload` (or send JSON).', { path: '_payload' })
  }
  checkDocumentJson(document, 'The `_payload` field')
}

/** The request as Payload may read it (its body read here, under the limit), or the coded error that refuses it. */
export async function checkedBody(request: Request, rule: BodyRule): Promise<Request> {
  if (declaredLength(request.headers) > rule.maxBytes) throw tooLarge(rule.maxBytes)
  if (rule.accepts === 'any') return withBody(request, await readLimited(request, rule.maxBytes))
  const { type, params } = mediaTypeOf(request.headers)
  if (type === '') return untyped(request, rule.accepts, rule.maxBytes)
  if (!rule.accepts.includes(type)) throw unsupported(type, rule.accepts)
  if (type === 'multipart/form-data' && !/(^|;)\s*boundary=/.test(params)) {
    throw new AppError('invalid_multipart', 'The multipart body names no boundary; let the client set Content-Type: multipart/form-data; boundary=… itself.')
  }
  const bytes = await readLimited(request, rule.maxBytes)
  if (type === 'application/json') checkDocumentJson(new TextDecoder().decode(bytes))
  if (type === 'multipart/form-data') await checkForm(request, bytes, rule)
  return withBody(request, bytes)
}

async function segmentsOf(config: SanitizedConfig, request: Request, context: RouteContext): Promise<string[]> {
  const params = await context?.params
  if (Array.isArray(params?.slug)) return params.slug
  return new URL(request.url).pathname.slice(config.routes.api.length).split('/').filter(Boolean)
}

/**
 * Around Payload's REST POST/PATCH/PUT handlers (route-handlers.ts): the body is checked against
 * its route's rule (body-rules.ts) before Payload reads it — 413 `payload_too_large` (before it is
 * read in full), 415 `unsupported_media_type`, 400 `invalid_multipart` / `invalid_input` — so a
 * body Payload cannot take never reaches an operation. Malformed JSON, and multipart that
 * Payload's parser refuses, are classified where Payload throws them (src/errors/classify.ts).
 */
export const withBodyGuard =
  (config: Promise<SanitizedConfig> | SanitizedConfig, handler: Handler): Handler =>
  async (request, context) => {
    const sanitized = await config
    const rule = bodyRuleFor(sanitized, request, await segmentsOf(sanitized, request, context))
    return handler(await checkedBody(request, rule), context)
  }
