import { APIError } from 'payload'

/** A refusal in the host's one error shape (`data.error` is the code; `errors` names fields). */
export const fail = (code: string, message: string, status: number, extra: Record<string, unknown> = {}) => new APIError(message, status, { error: code, ...extra }, true)

/** One wrong parameter, named as the 400 names it. */
export type ParamError = { path: string; message: string }

/** 400 `invalid_input` naming every wrong parameter, when there is any. */
export function refuseIfAny(errors: ParamError[]): void {
  if (errors.length > 0) throw fail('invalid_input', errors.map((e) => `${e.path}: ${e.message}`).join(' '), 400, { errors })
}
