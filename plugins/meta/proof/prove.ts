import type { Number as WaNumber, Page } from '../../../payload-types'
import type { ChannelKind } from '../channels'
import { graphRequest } from '../graph/graph-client'
import { GraphError } from '../graph/graph-error'
import type { ResolvedMetaOptions } from '../options'

type Quality = 'GREEN' | 'YELLOW' | 'RED'

/**
 * What one Graph round of the proof said about a page or number and its token:
 * - `proven`: the token controls the object (status `connected`, or `error` when the proof held
 *   but a later step of the check failed, e.g. subscribing the app);
 * - `not-controlled`: Meta says this token cannot act for this object (or the number is not in
 *   the WABA given) — the channel must not receive anything;
 * - `refused`: Meta refused the token itself (190);
 * - `failed`: anything else (Graph down, rate limits, unexpected errors) — it proves nothing
 *   either way.
 */
export type Proof =
  | { outcome: 'proven'; status: 'connected' | 'error'; message: string; quality?: Quality }
  | { outcome: 'not-controlled'; message: string }
  | { outcome: 'refused'; error: GraphError }
  | { outcome: 'failed'; message: string }

/** Graph's "object does not exist, cannot be loaded due to missing permissions" (100/33) and permission errors (10, 200–299). */
const deniesAccess = (e: GraphError) => (e.code === 100 && e.subcode === 33) || e.code === 10 || (e.code >= 200 && e.code <= 299)

const SUBSCRIBED_FIELDS = 'messages,messaging_postbacks,message_deliveries,message_reads,message_echoes,leadgen'

/**
 * A page access token answers `GET /me` with its page: the only reliable proof, because a page
 * is a public object — `GET /{page-id}` answers its id and name to any valid token, the
 * attacker's included. Then the app is subscribed to the page's messages and leads, which also
 * needs that page's token.
 */
async function provePage(options: ResolvedMetaOptions, page: Page, token: string): Promise<Proof> {
  const me = await graphRequest<{ id?: string; name?: string }>(options, { path: '/me', token, query: { fields: 'id,name' } })
  if (String(me.id ?? '') !== page.pageId) {
    return { outcome: 'not-controlled', message: `This token is not a page access token of page ${page.pageId} (it belongs to ${me.id ?? 'something else'}).` }
  }
  try {
    await graphRequest(options, { method: 'POST', path: `/${page.pageId}/subscribed_apps`, token, query: { subscribed_fields: SUBSCRIBED_FIELDS } })
  } catch (error) {
    if (!(error instanceof GraphError) || error.isTokenError) throw error
    return { outcome: 'proven', status: 'error', message: `Verified page “${me.name ?? page.name}”, but subscribing the app to it failed (code ${error.code}): ${error.explanation}` }
  }
  return { outcome: 'proven', status: 'connected', message: `Connected: page “${me.name ?? page.name}”, subscribed to messages and leads` }
}

/** Every phone number id of a WABA the token can list (`GET /{waba-id}/phone_numbers`, cursor paging). */
async function numbersOfWaba(options: ResolvedMetaOptions, wabaId: string, token: string): Promise<string[]> {
  const ids: string[] = []
  let after: string | undefined
  for (let page = 0; page < 20; page++) {
    const answer = await graphRequest<{ data?: { id?: string }[]; paging?: { cursors?: { after?: string }; next?: string } }>(options, {
      path: `/${wabaId}/phone_numbers`,
      token,
      query: { fields: 'id', limit: 100, after },
    })
    ids.push(...(answer.data ?? []).map((n) => String(n.id)))
    after = answer.paging?.cursors?.after
    if (!answer.paging?.next || !after) break
  }
  return ids
}

/**
 * A WhatsApp number: `GET /{phone-number-id}` with the token answers that id (phone number
 * nodes are not public), and the WABA given lists the number to the same token — so events
 * addressed to the WABA (template statuses) are the owner's too.
 */
async function proveNumber(options: ResolvedMetaOptions, number: WaNumber, token: string): Promise<Proof> {
  let info: { id?: string; display_phone_number?: string; verified_name?: string; quality_rating?: string }
  try {
    info = await graphRequest(options, { path: `/${number.phoneNumberId}`, token, query: { fields: 'id,display_phone_number,verified_name,quality_rating' } })
  } catch (error) {
    if (error instanceof GraphError && deniesAccess(error)) return { outcome: 'not-controlled', message: `Meta says this token cannot use phone number ${number.phoneNumberId} (code ${error.code}).` }
    throw error
  }
  if (String(info.id ?? '') !== number.phoneNumberId) return { outcome: 'not-controlled', message: `Meta answered another object than phone number ${number.phoneNumberId}.` }
  let listed: string[]
  try {
    listed = await numbersOfWaba(options, number.wabaId, token)
  } catch (error) {
    if (error instanceof GraphError && deniesAccess(error)) return { outcome: 'not-controlled', message: `Meta says this token cannot use WhatsApp Business Account ${number.wabaId} (code ${error.code}).` }
    throw error
  }
  if (!listed.includes(number.phoneNumberId)) {
    return { outcome: 'not-controlled', message: `Phone number ${number.phoneNumberId} is not in WhatsApp Business Account ${number.wabaId}: give the WABA id the number belongs to.` }
  }
  const quality = ['GREEN', 'YELLOW', 'RED'].includes(String(info.quality_rating)) ? (info.quality_rating as Quality) : undefined
  const message = `Connected: ${info.verified_name ?? 'WhatsApp number'} ${info.display_phone_number ?? ''}, quality ${info.quality_rating ?? 'unknown'}`
  return { outcome: 'proven', status: 'connected', message: message.replace(/\s+/g, ' ').trim(), quality }
}

/** Ask Graph whether `token` controls the page or number (see Proof). Never throws for Graph's answers. */
export async function proveChannel(options: ResolvedMetaOptions, kind: ChannelKind, doc: Page | WaNumber, token: string): Promise<Proof> {
  try {
    return kind === 'pages' ? await provePage(options, doc as Page, token) : await proveNumber(options, doc as WaNumber, token)
  } catch (error) {
    if (!(error instanceof GraphError)) throw error
    if (error.isTokenError) return { outcome: 'refused', error }
    if (kind === 'pages' && deniesAccess(error)) return { outcome: 'not-controlled', message: `Meta says this token cannot act for page ${(doc as Page).pageId} (code ${error.code}).` }
    return { outcome: 'failed', message: `Meta answered code ${error.code}: ${error.explanation}` }
  }
}
