import { AppError } from '../errors/app-error'
import { MAX_NESTING, nestsDeeperThan } from './nesting'

export const notAnObject = (what = 'The body') => new AppError('invalid_input', `${what} must be a JSON object, \`{ ... }\`.`)

/**
 * JSON text Payload is about to take as a document (a body, a form's `_payload`): it must open
 * an object — Payload stores whatever JSON.parse gives, and a create or update of `"x"`, `123`
 * or `null` fails (500) — and nest at most MAX_NESTING deep. Whether it parses is Payload's to
 * find (400 `invalid_json`, src/errors/classify.ts). Empty is allowed: Payload reads `{}`.
 */
export function checkDocumentJson(text: string, what = 'The body'): void {
  const first = /^[\s\uFEFF]*(.)/.exec(text)?.[1]
  if (first !== undefined && first !== '{') throw notAnObject(what)
  if (nestsDeeperThan(text, MAX_NESTING, 'json')) {
    throw new AppError('invalid_input', `${what} nests more than ${MAX_NESTING} levels deep; send a flatter document.`)
  }
}
