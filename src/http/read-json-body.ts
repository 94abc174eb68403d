import { AppError } from '../errors/app-error'
import { type BodySource, mediaTypeOf, readLimited } from './body-bytes'
import { notAnObject } from './json-shape'

/** A JSON media type: `application/json`, or a `+json` one (`application/merge-patch+json`). */
export const isJsonType = (type: string) => type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type)

/**
 * The JSON object a small endpoint reads (signup, invitations, storefront orders): 413 over
 * `maxBytes` (checked before and while reading), 415 for another declared Content-Type, 400
 * `invalid_json` when it does not parse, 400 `invalid_input` when it is not an object. An empty
 * body is `{}`, so the endpoint's own checks name the missing fields.
 */
export async function readJsonBody(req: BodySource, { maxBytes }: { maxBytes: number }): Promise<Record<string, unknown>> {
  const { type } = mediaTypeOf(req.headers)
  if (type !== '' && !isJsonType(type)) throw new AppError('unsupported_media_type', 'Send the body as JSON (Content-Type: application/json).')
  const bytes = await readLimited(req, maxBytes)
  if (bytes.byteLength === 0) return {}
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder().decode(bytes))
  } catch (error) {
    throw new AppError('invalid_json', `The body is not valid JSON (${(error as Error).message}).`)
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw notAnObject()
  return value as Record<string, unknown>
}
