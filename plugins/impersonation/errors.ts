import { APIError } from 'payload'

/** A refusal in the host's one error shape (`data.error` is the code; `errors` names fields). */
export const fail = (code: string, message: string, status: number, errors: { path: string; message: string }[] = []) => new APIError(message, status, { error: code, errors }, true)

/** 403 `impersonation_read_only`: the session may only read. */
export const readOnlyRefusal = () => fail('impersonation_read_only', 'This impersonation session is read-only: end it (POST /api/impersonation/end) to act as yourself.', 403)

/** 403: what no impersonation session may do, read-only or not. */
export const notWhileImpersonating = (what: string) => fail('forbidden', `Not during an impersonation session: ${what}. End the session first (POST /api/impersonation/end).`, 403)
