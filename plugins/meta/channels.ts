import type { PayloadRequest } from 'payload'

import type { Number as WaNumber, Page } from '../../payload-types'
import { hostOf } from './options'

export type ChannelKind = 'pages' | 'numbers'
export type ChannelDoc<K extends ChannelKind> = K extends 'pages' ? Page : WaNumber

/**
 * A page or number with its token decrypted, for the plugin's own Graph calls — never for a
 * response. Read as the system inside the caller's tenant context (`req`): row-level security
 * still keeps it to the tenant the work runs for.
 */
export async function loadChannel<K extends ChannelKind>(req: PayloadRequest, kind: K, id: string): Promise<{ doc: ChannelDoc<K>; token: string }> {
  // Payload merges an operation's `context` into `req.context` for good: without the reset every
  // later read on this req (the response of the create that submitted a template, a populated
  // number…) would carry the ciphertext too.
  const { revealKey: REVEAL_SECRETS, decrypt } = hostOf(req).secrets
  const before = req.context?.[REVEAL_SECRETS]
  let doc: ChannelDoc<K>
  try {
    doc = (await req.payload.findByID({ collection: kind, id, depth: 0, overrideAccess: true, context: { [REVEAL_SECRETS]: true }, req })) as ChannelDoc<K>
  } finally {
    if (req.context) {
      if (before === undefined) delete req.context[REVEAL_SECRETS]
      else req.context[REVEAL_SECRETS] = before
    }
  }
  const stored = (doc as { accessToken?: null | string }).accessToken
  if (!stored) throw new Error(`${kind === 'pages' ? 'page' : 'number'} ${id} has no access token`)
  return { doc, token: decrypt(stored) }
}

export const channelLabel = (kind: ChannelKind, doc: Page | WaNumber): string =>
  kind === 'pages' ? `page “${(doc as Page).name}” (${(doc as Page).pageId})` : `WhatsApp number ${(doc as WaNumber).displayPhoneNumber} (${(doc as WaNumber).phoneNumberId})`
