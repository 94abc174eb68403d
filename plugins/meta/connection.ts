import type { Endpoint, Field, PayloadRequest } from 'payload'

import type { Number as WaNumber, Page } from '../../payload-types'
import { runWithTenant } from '../../src/tenancy/request-context'
import { loadChannel, type ChannelKind } from './channels'
import { markDisconnected } from './disconnect'
import { authorizeOn, fail } from './endpoints/authorize'
import { graphRequest } from './graph/graph-client'
import { GraphError } from './graph/graph-error'
import { metaOptions } from './options'

/** The last "Test connection" of a page or number, shown on its edit view beside the button. */
export const connectionField: Field = {
  name: 'connection',
  type: 'group',
  admin: {
    position: 'sidebar',
    description: 'Checked against Meta with the stored token by “Test connection”.',
    components: { beforeInput: ['/plugins/meta/admin/TestConnectionButton#TestConnectionButton'] },
  },
  fields: [
    { name: 'checkedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'ok', type: 'checkbox', admin: { readOnly: true } },
    { name: 'message', type: 'text', admin: { readOnly: true } },
  ],
}

export type ConnectionResult = { ok: boolean; status: 'connected' | 'disconnected' | 'error'; message: string; checkedAt: string }

/**
 * Ask Graph for the page or number with its own token (and, for a page, subscribe the app to its
 * messages and leads): the answer is recorded on the document and its status follows it —
 * connected; disconnected when the token is refused (190, admins emailed); error otherwise.
 */
export async function testConnection(req: PayloadRequest, kind: ChannelKind, id: string): Promise<ConnectionResult> {
  const options = metaOptions(req.payload.config)
  const { doc, token } = await loadChannel(req, kind, id)
  const checkedAt = new Date().toISOString()
  let result: ConnectionResult
  try {
    if (kind === 'numbers') {
      const number = doc as WaNumber
      const info = await graphRequest<{ display_phone_number?: string; verified_name?: string; quality_rating?: string }>(options, {
        path: `/${number.phoneNumberId}`,
        token,
        query: { fields: 'id,display_phone_number,verified_name,quality_rating' },
      })
      result = { ok: true, status: 'connected', checkedAt, message: `Connected: ${info.verified_name ?? 'WhatsApp number'} ${info.display_phone_number ?? ''}, quality ${info.quality_rating ?? 'unknown'}`.trim() }
      const quality = ['GREEN', 'YELLOW', 'RED'].includes(String(info.quality_rating)) ? info.quality_rating : undefined
      if (quality) await req.payload.update({ collection: 'numbers', id, data: { qualityRating: quality as WaNumber['qualityRating'] }, overrideAccess: true, req })
    } else {
      const page = doc as Page
      const info = await graphRequest<{ name?: string }>(options, { path: `/${page.pageId}`, token, query: { fields: 'id,name' } })
      await graphRequest(options, { method: 'POST', path: `/${page.pageId}/subscribed_apps`, token, query: { subscribed_fields: 'messages,messaging_postbacks,message_deliveries,message_reads,message_echoes,leadgen' } })
      result = { ok: true, status: 'connected', checkedAt, message: `Connected: page “${info.name ?? page.name}”, subscribed to messages and leads` }
    }
  } catch (error) {
    if (!(error instanceof GraphError)) throw error
    if (error.isTokenError) {
      await markDisconnected(req, kind, id, error)
      return { ok: false, status: 'disconnected', checkedAt, message: `Meta refused the access token (code ${error.code}): ${error.message}` }
    }
    result = { ok: false, status: 'error', checkedAt, message: `Meta answered code ${error.code}: ${error.explanation}` }
  }
  await req.payload.update({ collection: kind, id, data: { status: result.status, connection: { checkedAt, ok: result.ok, message: result.message.slice(0, 500) } } as never, overrideAccess: true, req })
  return result
}

/** POST /api/pages/:id/test-connection and /api/numbers/:id/test-connection — for roles that may update it. */
export const testConnectionEndpoint = (kind: ChannelKind): Endpoint => ({
  path: '/:id/test-connection',
  method: 'post',
  handler: async (req) => {
    const { tenantId } = await authorizeOn(req, kind, req.routeParams?.id, { collection: kind, operation: 'update' })
    const id = String(req.routeParams!.id)
    const result = await runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, () => testConnection(req, kind, id)).catch((error: unknown) => {
      throw error instanceof Error && !(error instanceof GraphError) && /access token/.test(error.message) ? fail(error.message, 400) : error
    })
    return Response.json(result)
  },
})
