import type { Endpoint, SanitizedConfig } from 'payload'

/**
 * What a REST route reads, for the body guard (body-guard.ts): the media types (essence, lower
 * case; `'any'`: the endpoint checks them itself) and the largest body.
 *
 * An endpoint that reads something other than the default declares it as
 * `custom: { body: { accepts, maxBytes } }` (the CSV import, Meta's webhook): plain data, so a
 * plugin declares it without importing the app.
 */
export type BodyRule = {
  accepts: readonly string[] | 'any'
  maxBytes: number
  /** An upload collection's route: a form may be just the file, without a `_payload` document. */
  upload?: boolean
}

const KiB = 1024
const MiB = 1024 * KiB

/**
 * Payload's own routes, and custom ones by default, read JSON and the admin's multipart form
 * (its `_payload` field holds the JSON). 1 MiB: the largest legitimate bodies are a document with
 * long rich text (a 20 000-word Lexical description, formatting included, is a few hundred KiB
 * of JSON) and an order with a few thousand items (~110 bytes each).
 */
export const DEFAULT_RULE: BodyRule = { accepts: ['application/json', 'multipart/form-data'], maxBytes: MiB }

/** An upload when Payload's `upload.limits.fileSize` is not configured. */
export const DEFAULT_UPLOAD_BYTES = 10 * MiB
/** Room beside the file in an upload's form: the `_payload` field and the part headers. */
const FORM_ROOM = MiB

/** The admin's relationship pickers POST a query string (`X-Payload-HTTP-Method-Override: GET`). */
const QUERY_RULE: BodyRule = { accepts: ['application/json', 'application/x-www-form-urlencoded'], maxBytes: MiB }

const isRule = (value: unknown): value is Partial<BodyRule> => Boolean(value) && typeof value === 'object'

/** Payload's path patterns (`/:id`, `/:id?`) as a regular expression over the rest of the path. */
function patternOf(path: string): RegExp {
  const escaped = path.replace(/[.*+^$()|[\]\\]/g, '\\$&')
  return new RegExp(`^${escaped.replace(/\/:\w+\?/g, '(?:/[^/]+)?').replace(/\/:\w+/g, '/[^/]+')}/?$`)
}

/** The endpoint Payload will run, found the way handleEndpoints finds it (first match). */
function endpointOf(config: SanitizedConfig, method: string, segments: string[]): { endpoint?: Endpoint; upload: boolean } {
  const collection = config.collections.find((c) => c.slug === segments[0])
  const endpoints = (collection ? collection.endpoints : config.endpoints) || []
  const rest = `/${(collection ? segments.slice(1) : segments).join('/')}`
  const endpoint = endpoints.find((e) => e.method === method.toLowerCase() && patternOf(e.path).test(rest))
  return { endpoint, upload: Boolean(collection?.upload) }
}

/** The rule of a POST/PATCH/PUT to `/api/<segments>`. */
export function bodyRuleFor(config: SanitizedConfig, request: Request, segments: string[]): BodyRule {
  const overrides = [request.headers.get('x-payload-http-method-override'), request.headers.get('x-http-method-override')]
  if (request.method === 'POST' && overrides.includes('GET')) return QUERY_RULE
  const { endpoint, upload } = endpointOf(config, request.method, segments)
  const declared: unknown = endpoint?.custom?.body
  if (isRule(declared)) return { ...DEFAULT_RULE, ...declared }
  if (upload) return { ...DEFAULT_RULE, upload, maxBytes: (config.upload?.limits?.fileSize ?? DEFAULT_UPLOAD_BYTES) + FORM_ROOM }
  return DEFAULT_RULE
}
