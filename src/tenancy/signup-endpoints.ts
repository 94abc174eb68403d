import { APIError, type Endpoint } from 'payload'

import { readJsonBody } from '../http/read-json-body'
import { limitByIp } from '../ratelimit/by-ip'
import { checkSlug, parseSignup, signUp } from './signup'

const enabled = () => (process.env.SIGNUP_ENABLED ?? 'true') !== 'false'
const MAX_BODY = 16 * 1024

/** POST /api/tenants/signup — public self-signup (SIGNUP_ENABLED=false turns it off); 202 `{ status: 'check-email' }`. */
export const signupEndpoint: Endpoint = {
  path: '/signup',
  method: 'post',
  handler: async (req) => {
    if (!enabled()) throw new APIError('Self-signup is closed; contact the platform.', 403, undefined, true)
    await limitByIp(req, 'signup')
    const input = parseSignup(await readJsonBody(req, { maxBytes: MAX_BODY }))
    await signUp(req.payload, input)
    // The same answer whether the shop was opened or the email already had an account (whose
    // owner is emailed instead): nobody learns from this endpoint which emails have accounts.
    return Response.json(
      { status: 'check-email', email: input.email, slug: input.slug, message: `Check your inbox at ${input.email}: we sent you the next step for your shop "${input.slug}".` },
      { status: 202 },
    )
  },
}

/** GET /api/tenants/slug-available?slug=… — for the signup form's live check. */
export const slugAvailableEndpoint: Endpoint = {
  path: '/slug-available',
  method: 'get',
  handler: async (req) => {
    await limitByIp(req, 'slug-available')
    return Response.json(await checkSlug(req.payload, req.query?.slug))
  },
}
