import { APIError, type Endpoint } from 'payload'

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
    const text = req.text ? await req.text() : ''
    if (text.length > MAX_BODY) throw new APIError('The body is too large.', 413, undefined, true)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new APIError('The body must be JSON.', 400, undefined, true)
    }
    const input = parseSignup(body)
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
