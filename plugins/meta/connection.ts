import { ValidationError, type CollectionAfterChangeHook, type Endpoint, type Field, type PayloadRequest } from 'payload'

import type { Number as WaNumber, Page } from '../../payload-types'
import { loadChannel, type ChannelKind } from './channels'
import { markDisconnected } from './disconnect'
import { authorizeOn, fail } from './endpoints/authorize'
import { GraphError } from './graph/graph-error'
import type { MetaHost } from './host'
import { idOf as tenantIdOf } from './ids'
import { hostOf } from './options'
import { channelTaken, IDENTITY_FIELDS, TAKEN_MESSAGES, takenError, type Taken } from './proof/claims'
import { proveChannel } from './proof/prove'

/** Skip the automatic proof after a create or change (demo data whose tokens are not real). */
export const SKIP_CHANNEL_PROOF = 'metaSkipChannelProof'

/** When a Graph call with the channel's own token last proved the token controls it; empty = unverified, receives nothing. */
export const verifiedAtField = ({ systemOnly }: MetaHost['access']): Field => ({
  name: 'verifiedAt',
  type: 'date',
  access: systemOnly,
  admin: {
    position: 'sidebar',
    readOnly: true,
    date: { pickerAppearance: 'dayAndTime' },
    description: 'When Meta confirmed that the token controls this id. Until then nothing is received.',
  },
})

/** The last check of a page or number, shown on its edit view beside the button (kept by the plugin). */
export const connectionField = ({ systemOnly }: MetaHost['access']): Field => ({
  name: 'connection',
  type: 'group',
  access: systemOnly,
  admin: {
    position: 'sidebar',
    description: 'Checked against Meta with the stored token by “Test connection”, and after every change of the id or token.',
    components: { beforeInput: ['/plugins/meta/admin/TestConnectionButton#TestConnectionButton'] },
  },
  fields: [
    { name: 'checkedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'ok', type: 'checkbox', admin: { readOnly: true } },
    { name: 'message', type: 'text', admin: { readOnly: true } },
  ],
})

export type ChannelStatus = 'unverified' | 'connected' | 'disconnected' | 'error'
export type ConnectionResult = { ok: boolean; status: ChannelStatus; verified: boolean; verifiedAt: null | string; message: string; checkedAt: string; taken?: Taken }

const codeOf = (error: unknown): unknown => (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code

/** The database refused a second verified holder (the partial unique indexes, the WABA exclusion constraint). */
function conflictOf(kind: ChannelKind, error: unknown): null | Taken {
  if (codeOf(error) === '23P01') return 'waba'
  const unique = codeOf(error) === '23505' || (error instanceof ValidationError && error.data.errors.some((e) => /unique/i.test(e.message)))
  return unique ? (kind === 'pages' ? 'page' : 'number') : null
}

/** Store a check's outcome as the system; inside an open transaction in a savepoint, so a refused write does not abort it. */
async function record(req: PayloadRequest, kind: ChannelKind, id: string, data: Record<string, unknown>): Promise<void> {
  const write = () => req.payload.update({ collection: kind, id, data: data, depth: 0, overrideAccess: true, req })
  if (req.transactionID) await hostOf(req).db.inSavepoint(req, write)
  else await write()
}

/**
 * Prove and check a page or number with its own token (proof/prove.ts) and store the outcome:
 * - proven, and no other shop holds it verified → `verifiedAt` now, `connected` (or `error` when
 *   a later step failed), the number's quality; held elsewhere → stays `unverified`, `taken` set;
 * - the token does not control it → `unverified` (a verified one is knocked back: it stops
 *   receiving);
 * - the token is refused (190) → a verified one becomes `disconnected` (admins emailed, still
 *   verified), an unverified one stays so;
 * - other Graph errors → a verified one `error` (still verified), an unverified one stays so.
 */
export async function testConnection(req: PayloadRequest, kind: ChannelKind, id: string): Promise<ConnectionResult> {
  const { doc, token } = await loadChannel(req, kind, id)
  const checkedAt = new Date().toISOString()
  const wasVerified = Boolean(doc.verifiedAt)
  const proof = await proveChannel(hostOf(req), kind, doc, token)
  const store = async (result: Omit<ConnectionResult, 'checkedAt' | 'verified'>, extra: Record<string, unknown> = {}): Promise<ConnectionResult> => {
    await record(req, kind, id, { status: result.status, verifiedAt: result.verifiedAt, connection: { checkedAt, ok: result.ok, message: result.message.slice(0, 500) }, ...extra })
    return { ...result, verified: Boolean(result.verifiedAt), checkedAt }
  }
  const unverified = (message: string, taken?: Taken) => store({ ok: false, status: 'unverified', verifiedAt: null, message, ...(taken ? { taken } : {}) })

  if (proof.outcome === 'proven') {
    const external = String((doc as unknown as Record<string, unknown>)[IDENTITY_FIELDS[kind][0]])
    const taken = await channelTaken(req, kind, { externalId: external, wabaId: kind === 'numbers' ? (doc as WaNumber).wabaId : null, tenantId: tenantIdOf(doc.tenant), selfId: id })
    if (taken) return unverified(`${TAKEN_MESSAGES[taken].message} Nothing is received here.`, taken)
    try {
      return await store({ ok: proof.status === 'connected', status: proof.status, verifiedAt: checkedAt, message: proof.message }, proof.quality ? { qualityRating: proof.quality } : {})
    } catch (error) {
      const conflict = conflictOf(kind, error)
      if (!conflict) throw error
      return unverified(`${TAKEN_MESSAGES[conflict].message} Nothing is received here.`, conflict)
    }
  }
  if (proof.outcome === 'not-controlled') {
    return unverified(`${proof.message} ${wasVerified ? 'It no longer receives messages' : 'It receives nothing'} until a token that controls it passes “Test connection”.`)
  }
  if (proof.outcome === 'refused') {
    const message = `Meta refused the access token (code ${proof.error.code}): ${proof.error.message}`
    if (!wasVerified) return unverified(`${message} Save a valid token: until it is proven nothing is received.`)
    await markDisconnected(req, kind, id, proof.error)
    return { ok: false, status: 'disconnected', verified: true, verifiedAt: String(doc.verifiedAt), message, checkedAt }
  }
  if (!wasVerified) return unverified(`Not verified yet — ${proof.message}. Try “Test connection” again.`)
  return store({ ok: false, status: 'error', verifiedAt: String(doc.verifiedAt), message: proof.message })
}

/**
 * After a page or number is created, or its id or token changed (claimGuard cleared its check):
 * prove it right away, in the same request, so the answer already says whether it is verified.
 * A failing proof never fails the save.
 */
export const proveAfterChange: CollectionAfterChangeHook = async ({ collection, doc, req, context }) => {
  if (context?.[SKIP_CHANNEL_PROOF] || doc.connection?.checkedAt) return doc
  const kind = collection.slug as ChannelKind
  try {
    const result = await testConnection(req, kind, String(doc.id))
    return { ...doc, status: result.status, verifiedAt: result.verifiedAt, connection: { checkedAt: result.checkedAt, ok: result.ok, message: result.message.slice(0, 500) } }
  } catch (error) {
    req.payload.logger.warn({ err: error, collection: kind, id: doc.id }, 'automatic proof of a page or number failed; “Test connection” will retry it')
    return doc
  }
}

/** POST /api/pages/:id/test-connection and /api/numbers/:id/test-connection — for roles that may update it; 409 when another holder has it verified. */
export const testConnectionEndpoint = (kind: ChannelKind): Endpoint => ({
  path: '/:id/test-connection',
  method: 'post',
  handler: async (req) => {
    const { tenantId } = await authorizeOn<Page | WaNumber>(req, kind, req.routeParams?.id, { collection: kind, operation: 'update' })
    const id = String(req.routeParams!.id)
    const result = await hostOf(req)
      .tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, () => testConnection(req, kind, id))
      .catch((error: unknown) => {
        throw error instanceof Error && !(error instanceof GraphError) && /access token/.test(error.message) ? fail(error.message, 400) : error
      })
    if (result.taken) throw takenError(result.taken)
    return Response.json(result)
  },
})
