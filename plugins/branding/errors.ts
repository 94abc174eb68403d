import { APIError } from 'payload'

/** A refusal in the host's one error shape (`data.error` is the code; `errors` names fields). */
export const fail = (code: string, message: string, status: number, extra: Record<string, unknown> = {}) => new APIError(message, status, { error: code, ...extra }, true)

export const invalidFields = (errors: { path: string; message: string }[]) => fail('invalid_input', errors.map((e) => `${e.path}: ${e.message}`).join(' '), 400, { errors })
