/** Shapes shared by the fake Graph server (graph.ts) and its endpoint handlers. */

/** One HTTP request the fake received (recorded before any error injection or auth). */
export type GraphCall = {
  method: string
  /** Path without the version segment, e.g. '/106540352242922/messages' (the full path when it had no version). */
  path: string
  /** 'v21.0', or '' when the path had no version segment. */
  version: string
  query: Record<string, string>
  /** Parsed JSON / form body; null when empty; the raw text when it was not valid JSON. */
  body: any
  token: string | null
  at: number
}

/** A message accepted by a send endpoint (read receipts and sender actions are not recorded). */
export type SentMessage = {
  channel: 'whatsapp' | 'messenger'
  /** phone_number_id (WhatsApp) or page id (Messenger). */
  from: string
  /** Recipient exactly as sent (`to` for WhatsApp, `recipient.id` for Messenger). */
  to: string
  /** WhatsApp `type`; Messenger 'text' or the attachment's type. */
  type: string
  text?: string
  template?: { name: string; language: string; components?: unknown[] }
  tag?: string
  messagingType?: string
  /** wamid.… or m_… as answered to the client. */
  id: string
  /** The request parameters as received (body merged over query, without access_token). */
  raw: Record<string, unknown>
}

export type QualityRating = 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN'

export type NumberRecord = {
  phoneNumberId: string
  wabaId: string
  token: string
  displayPhoneNumber: string
  verifiedName: string
  qualityRating: QualityRating
}

export type PageRecord = { pageId: string; name: string; token: string }

export type ProfileRecord = { psid: string; pageId: string; firstName: string; lastName: string }

export type LeadRecord = {
  leadgenId: string
  pageId: string
  formId: string
  adId?: string
  createdTime: string
  fieldData: { name: string; values: string[] }[]
}

export type TemplateRecord = { id: string; name: string; language: string; status: string; category: string; components: unknown[] }

/** Everything registered with or accepted by the fake. */
export type GraphState = {
  numbers: Map<string, NumberRecord>
  pages: Map<string, PageRecord>
  leads: Map<string, LeadRecord>
  /** Messenger users by PSID (a PSID is scoped to one page). */
  profiles: Map<string, ProfileRecord>
  /** Templates per WABA id, in creation order. */
  templates: Map<string, TemplateRecord[]>
  revoked: Set<string>
  sent: SentMessage[]
}

/** A request that passed version, body and token checks, handed to an endpoint handler. */
export type RequestContext = {
  method: string
  version: string
  /** Path segments after the version. */
  segments: string[]
  query: Record<string, string>
  /** Query merged with (and overridden by) the body object; `access_token` removed. */
  params: Record<string, any>
  token: string
  state: GraphState
  /** Server base URL, for paging links. */
  baseUrl: string
  /** Whether the token came from the query string (then paging links carry it, like Graph's). */
  tokenInQuery: boolean
}

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Unicode code points, the way Meta counts characters in text limits. */
export function charCount(s: string): number {
  return [...s].length
}
