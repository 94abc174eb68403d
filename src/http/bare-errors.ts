import { AppError } from '../errors/app-error'
import { classify } from '../errors/classify'
import { codeForStatus, isErrorCode } from '../errors/codes'

/**
 * Payload answers a few refusals itself, without an error (so config `afterError` never sees
 * them): `{"message":"Route not found \"/api/…\""}` for an unknown route, a 501 for a method a
 * route does not have (e.g. DELETE of payload-migrations). Such a body is re-answered in the one
 * shape; a 501 is the client's 405 `method_not_allowed`. A body that already has a code is kept.
 */
export async function reshapeBareError(response: Response): Promise<Response> {
  if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('application/json')) return response
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: unknown; message?: unknown; errors?: { message?: unknown }[] } | null
  // Only Payload's own bare bodies ({ message } or { errors: [{ message }] }); an endpoint's own
  // answer (the health check's 503 with its checks) is the endpoint's.
  if (!body || typeof body !== 'object' || isErrorCode(body.error) || Object.keys(body).some((key) => key !== 'message' && key !== 'errors')) return response
  const said = typeof body?.message === 'string' ? body.message : typeof body?.errors?.[0]?.message === 'string' ? body.errors[0].message : ''
  const status = response.status === 501 ? 405 : response.status
  const code = codeForStatus(status)
  const message = status === 404 && /^Route not found/.test(said) ? `${said}: there is no such API route.` : said || `The request was refused (${status}).`
  const shaped = classify(new AppError(code, message, { status }))
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return Response.json(shaped.body, { status: shaped.status, headers })
}
