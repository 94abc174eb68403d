import type { Endpoint } from 'payload'

import { readJsonBody } from '../../http/read-json-body'
import { limitByIp } from '../../ratelimit/by-ip'
import { acceptInvitation, previewInvitation } from './accept'
import { invite } from './invite'

/** Invitations are a few fields; anything bigger is refused before it is parsed. */
const MAX_BODY = 16 * 1024

/** POST /api/tenants/:id/invite { email, role } → 202, the same whether or not the email has an account. */
export const inviteEndpoint: Endpoint = {
  path: '/:id/invite',
  method: 'post',
  handler: async (req) => {
    await limitByIp(req, 'invite')
    return Response.json(await invite(req, typeof req.routeParams?.id === 'string' ? req.routeParams.id : '', await readJsonBody(req, { maxBytes: MAX_BODY })), { status: 202 })
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
    const body = await readJsonBody(req, { maxBytes: MAX_BODY })
    return Response.json(await acceptInvitation(req, { token: body.token, name: body.name, password: body.password }))
  },
}
