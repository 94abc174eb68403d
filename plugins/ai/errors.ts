import { APIError } from 'payload'

/** A refusal in the host's one error shape (`data.error` is the code; `errors` names fields). */
export const fail = (code: string, message: string, status: number, extra: Record<string, unknown> = {}) => new APIError(message, status, { error: code, ...extra }, true)

/** 400 `invalid_input` naming the parameter. */
export const invalid = (path: string, message: string) => fail('invalid_input', message, 400, { errors: [{ path, message }] })
