import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { limitByIp } from '../../ratelimit/by-ip'
import { acceptInvitation, previewInvitation } from './accept'
import { invite } from './invite'

const MAX_BODY = 16 * 1024

/** The JSON body of a small public endpoint: 413 over 16 KiB, 400 when it is not JSON. */
async function jsonBody(req: PayloadRequest): Promise<unknown> {
  const text = req.text ? await req.text() : ''
  if (text.length > MAX_BODY) throw new APIError('The body is too large.', 413, undefined, true)
  try {
    return text ? JSON.parse(text) : {}
  } catch {
    throw new APIError('The body must be JSON.', 400, undefined, true)
  }
}

/** POST /api/tenants/:id/invite { email, role } → 202, the same whether or not the email has an account. */
export const inviteEndpoint: Endpoint = {
  path: '/:id/invite',
  method: 'post',
  handler: async (req) => {
    await limitByIp(req, 'invite')
    return Response.json(await invite(req, String(req.routeParams?.id ?? ''), await jsonBody(req)), { status: 202 })
  },
}

/** GET /api/invitations/preview?token=… → what the acceptance page shows, or 404. */
export const previewInvitationEndpoint: Endpoint = {
  path: '/preview',
  method: 'get',
  handler: async (req) => {
    await limitByIp(req, 'invitation')
    return Response.json(await previewInvitation(req.payload, req.query?.token))
  },
}

/** POST /api/invitations/accept { token, name?, password? } — signed in as the invitee when the account exists. */
export const acceptInvitationEndpoint: Endpoint = {
  path: '/accept',
  method: 'post',
  handler: async (req) => {
    await limitByIp(req, 'invitation')
    const body = (await jsonBody(req)) as Record<string, unknown>
    return Response.json(await acceptInvitation(req, { token: body?.token, name: body?.name, password: body?.password }))
  },
}
