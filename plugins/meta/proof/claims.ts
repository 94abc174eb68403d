import { sql } from '@payloadcms/db-postgres'
import { APIError, type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import type { ChannelKind } from '../channels'
import { idOf as tenantIdOf } from '../ids'
import { hostOf } from '../options'
import { runSql } from '../run-sql'

/** Which id of a page or number is already somebody's (see meta_channel_taken()). */
export type Taken = 'page' | 'number' | 'waba'

/**
 * The one answer to a duplicate: the same words whether the other holder is another shop or
 * this one, and never who it is.
 */
export const TAKEN_MESSAGES: Record<Taken, { path: string; message: string }> = {
  page: { path: 'pageId', message: 'This Facebook page is already connected. If it is yours, remove it where it is connected, or ask support.' },
  number: { path: 'phoneNumberId', message: 'This WhatsApp number is already connected. If it is yours, remove it where it is connected, or ask support.' },
  waba: { path: 'wabaId', message: 'This WhatsApp Business Account is already connected. If it is yours, remove it where it is connected, or ask support.' },
}

export const takenError = (taken: Taken) => new APIError(TAKEN_MESSAGES[taken].message, 409, { errors: [TAKEN_MESSAGES[taken]] }, true)

type Claim = { externalId: string; wabaId?: null | string; tenantId: null | string; selfId?: null | string }

/**
 * Is this page id / phone number id / WABA already held? `meta_channel_taken()` (migration
 * *_meta_channel_proof_sql) looks across tenants — which no request may do itself — and answers
 * only which id is taken: another page or number with the id that is verified (any shop) or is in
 * the same shop; a WABA with a verified number of another shop. An unverified claim in another
 * shop blocks nobody.
 */
export async function channelTaken(req: PayloadRequest, kind: ChannelKind, claim: Claim): Promise<null | Taken> {
  const [row] = await runSql(req, sql`select meta_channel_taken(${kind}, ${claim.externalId}, ${claim.wabaId ?? null}, ${claim.tenantId}::uuid, ${claim.selfId ?? null}::uuid) as taken`)
  return (row?.taken as null | Taken) ?? null
}

/** The fields that name what a page or number is: changing one (or the token) needs a new proof. */
export const IDENTITY_FIELDS: Record<ChannelKind, string[]> = { pages: ['pageId'], numbers: ['phoneNumberId', 'wabaId'] }

/** A token typed in this write (the secret field keeps the stored one when it is left empty). */
export const newToken = (req: PayloadRequest, value: unknown) => typeof value === 'string' && value.trim() !== '' && !hostOf(req).secrets.isEncrypted(value)

const identityChanged = (kind: ChannelKind, data: Record<string, unknown>, originalDoc: Record<string, unknown> | undefined) =>
  IDENTITY_FIELDS[kind].some((field) => field in data && JSON.stringify(data[field] ?? '') !== JSON.stringify(originalDoc?.[field] ?? ''))

/** Where a proof stands when nothing has been proven: no routing, a proof is due (checkedAt empty). */
export const UNPROVEN = { status: 'unverified', verifiedAt: null } as const

/**
 * Before a page or number is stored (every caller, the system included):
 * - a new one, or a changed page id / phone number id / WABA id / token, starts unverified with
 *   no check recorded — the automatic proof after the write (connection.ts) picks it up;
 * - an id that is already connected is refused with 409 and the generic message (TAKEN_MESSAGES).
 */
export const claimGuard: CollectionBeforeChangeHook = async ({ collection, data, operation, originalDoc, req }) => {
  const kind = collection.slug as ChannelKind
  const changed = operation === 'create' || identityChanged(kind, data, originalDoc) || newToken(req, data.accessToken)
  if (!changed) return data
  if (operation === 'create' || identityChanged(kind, data, originalDoc)) {
    const value = (field: string) => String(data[field] ?? originalDoc?.[field] ?? '')
    const taken = await channelTaken(req, kind, {
      externalId: value(IDENTITY_FIELDS[kind][0]),
      wabaId: kind === 'numbers' ? value('wabaId') : null,
      tenantId: tenantIdOf(data.tenant ?? originalDoc?.tenant),
      selfId: originalDoc?.id ? String(originalDoc.id) : null,
    })
    if (taken) throw takenError(taken)
  }
  return { ...data, ...UNPROVEN, connection: { checkedAt: null, ok: null, message: operation === 'create' ? null : 'Changed: not proven yet.' } }
}
