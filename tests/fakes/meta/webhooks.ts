import { createHmac } from 'node:crypto'
import { randomDigits, randomMid, randomWamid } from './ids'

/**
 * Meta's side of app webhooks (integrations.md §1.4–§1.6, §2.1, §2.3): payload builders that
 * produce the exact objects Meta POSTs, the body encoding it signs (escaped unicode), and the
 * X-Hub-Signature(-256) headers. `sendWebhook` delivers one over loopback HTTP.
 */

export { randomMid, randomWamid }

/**
 * JSON as Meta sends it: `JSON.stringify`, then every character above 0x7e escaped as a lowercase
 * `\uXXXX` (characters outside the BMP as their two surrogate escapes). Safe on the whole text since
 * such characters can only occur inside JSON strings. `escapeSlashes` also writes `/` as `\/`
 * (as some Meta payloads do); off by default.
 */
export function metaJson(payload: unknown, opts: { escapeSlashes?: boolean } = {}): string {
  const json = JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
  return opts.escapeSlashes ? json.replace(/\//g, '\\/') : json
}

/** `sha256=` + lowercase hex HMAC-SHA256 of the exact bytes, keyed by the app secret. */
export function signatureOf(raw: string | Buffer, appSecret: string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(raw).digest('hex')
}

/** Headers of a Meta webhook delivery of `raw`. */
export function webhookHeaders(raw: string, appSecret: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-hub-signature-256': signatureOf(raw, appSecret),
    'x-hub-signature': 'sha1=' + createHmac('sha1', appSecret).update(raw).digest('hex'),
    'user-agent': 'facebookexternalua',
  }
}

/** Flips the case of the last ASCII letter inside a JSON string (the body is ASCII after `metaJson`), so the body stays valid JSON but no longer matches its signature. */
function tamper(raw: string): string {
  const bytes = Buffer.from(raw, 'utf8')
  let inString = false
  let target = -1
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    if (inString && b === 0x5c) {
      i += bytes[i + 1] === 0x75 ? 5 : 1 // skip \uXXXX or \x
    } else if (b === 0x22) inString = !inString
    else if (inString && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) target = i
  }
  if (target >= 0) bytes[target] ^= 0x20
  else bytes[bytes.length - 1] ^= 0x01
  return bytes.toString('utf8')
}

/** POSTs `payload` to `url` as Meta would (escaped JSON, signed headers). `tamper` alters one byte after signing. */
export async function sendWebhook(url: string, payload: unknown, appSecret: string, opts: { tamper?: boolean } = {}): Promise<{ status: number; body: string }> {
  const raw = metaJson(payload)
  const headers = webhookHeaders(raw, appSecret)
  const body = opts.tamper ? tamper(raw) : raw
  const res = await fetch(url, { method: 'POST', headers, body })
  return { status: res.status, body: await res.text() }
}

/**
 * Delivers `raw` the way Meta does when an endpoint fails: a delivery that gets no answer or
 * anything but 200 is sent again (Meta backs off for up to 36 hours; here 200 ms × attempt, at
 * most `attempts` times). Resolves with the final answer and how many tries it took.
 */
export async function deliverWithRetries(url: string, raw: string, appSecret: string, { attempts = 12 } = {}): Promise<{ status: number; body: string; tries: number; servedBy: null | string }> {
  const headers = webhookHeaders(raw, appSecret)
  let last = { status: 0, body: '', servedBy: null as null | string }
  for (let tries = 1; tries <= attempts; tries++) {
    try {
      const res = await fetch(url, { method: 'POST', headers, body: raw, signal: AbortSignal.timeout(20_000) })
      last = { status: res.status, body: await res.text(), servedBy: res.headers.get('x-instance') }
      if (res.status === 200) return { ...last, tries }
    } catch (error) {
      last = { status: 0, body: String(error), servedBy: null }
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * tries))
  }
  return { ...last, tries: attempts }
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

const MEDIA_TYPES: Record<string, string> = { image: 'image/jpeg', audio: 'audio/ogg; codecs=opus', video: 'video/mp4', document: 'application/pdf', sticker: 'image/webp' }

function waEnvelope(wabaId: string, field: string, value: object) {
  return { object: 'whatsapp_business_account', entry: [{ id: wabaId, changes: [{ field, value }] }] }
}

/** Incoming WhatsApp message (§1.4). `content` overrides the object keyed by `type` (default: text body, or a media stub). */
export function waMessage(o: {
  wabaId: string
  phoneNumberId: string
  displayPhoneNumber?: string
  from: string
  name?: string
  text?: string
  id?: string
  timestamp?: number
  type?: string
  content?: Record<string, unknown>
  context?: { from: string; id: string }
}): object {
  const type = o.type ?? 'text'
  let content: unknown = o.content
  if (content === undefined) {
    if (type === 'text') content = { body: o.text ?? 'Hello' }
    else if (MEDIA_TYPES[type]) content = { mime_type: MEDIA_TYPES[type], sha256: randomDigits(20), id: randomDigits(16) }
    else content = {}
  }
  return waEnvelope(o.wabaId, 'messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: o.displayPhoneNumber ?? '15550000000', phone_number_id: o.phoneNumberId },
    contacts: [{ profile: { name: o.name ?? 'Customer' }, wa_id: o.from }],
    messages: [
      {
        ...(o.context ? { context: o.context } : {}),
        from: o.from,
        id: o.id ?? randomWamid(),
        timestamp: String(o.timestamp ?? nowSeconds()),
        type,
        [type]: content,
      },
    ],
  })
}

/** Delivery status of a message we sent (§1.4). `failed` without `errors` gets 131026. Pricing on non-failed statuses. */
export function waStatus(o: {
  wabaId: string
  phoneNumberId: string
  displayPhoneNumber?: string
  id: string
  status: 'sent' | 'delivered' | 'read' | 'failed'
  recipientId: string
  timestamp?: number
  errors?: { code: number; title: string; message?: string; details?: string }[]
  bizOpaqueCallbackData?: string
}): object {
  const errors = o.errors ?? (o.status === 'failed' ? [{ code: 131026, title: 'Message undeliverable' }] : undefined)
  return waEnvelope(o.wabaId, 'messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: o.displayPhoneNumber ?? '15550000000', phone_number_id: o.phoneNumberId },
    statuses: [
      {
        id: o.id,
        status: o.status,
        timestamp: String(o.timestamp ?? nowSeconds()),
        recipient_id: o.recipientId,
        ...(o.bizOpaqueCallbackData !== undefined ? { biz_opaque_callback_data: o.bizOpaqueCallbackData } : {}),
        ...(o.status !== 'failed' ? { pricing: { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' } } : {}),
        ...(errors
          ? {
              errors: errors.map((e) => ({
                code: e.code,
                title: e.title,
                message: e.message ?? e.title,
                error_data: { details: e.details ?? e.title },
                href: '/docs/whatsapp/cloud-api/support/error-codes/',
              })),
            }
          : {}),
      },
    ],
  })
}

/** Template status change (§1.6), field `message_template_status_update`; the id is a number when it fits. */
export function waTemplateStatus(o: { wabaId: string; templateId: string; name: string; language?: string; event: string; reason?: string; category?: string }): object {
  const numericId = /^\d+$/.test(o.templateId) && Number.isSafeInteger(Number(o.templateId)) ? Number(o.templateId) : o.templateId
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: o.wabaId,
        time: nowSeconds(),
        changes: [
          {
            field: 'message_template_status_update',
            value: {
              event: o.event,
              message_template_id: numericId,
              message_template_name: o.name,
              message_template_language: o.language ?? 'en_US',
              reason: o.reason ?? 'NONE',
              ...(o.category ? { message_template_category: o.category } : {}),
            },
          },
        ],
      },
    ],
  }
}

/** Messenger message (§2.1); `isEcho` = the page's own message (sender page, recipient psid); `postback` replaces `message`. */
export function fbMessage(o: { pageId: string; psid: string; text?: string; mid?: string; timestamp?: number; isEcho?: boolean; postback?: { title: string; payload: string } }): object {
  const ts = o.timestamp ?? Date.now()
  const mid = o.mid ?? randomMid()
  const [sender, recipient] = o.isEcho ? [o.pageId, o.psid] : [o.psid, o.pageId]
  const event = o.postback ? { postback: { mid, title: o.postback.title, payload: o.postback.payload } } : { message: { ...(o.isEcho ? { is_echo: true } : {}), mid, text: o.text ?? 'hello, world!' } }
  return {
    object: 'page',
    entry: [{ id: o.pageId, time: ts, messaging: [{ sender: { id: sender }, recipient: { id: recipient }, timestamp: ts, ...event }] }],
  }
}

/** Lead Ads notification (§2.3): page object, field `leadgen`, unix-seconds numbers; no PII. */
export function fbLeadgen(o: { pageId: string; leadgenId: string; formId?: string; adId?: string; createdTime?: number }): object {
  const created = o.createdTime ?? nowSeconds()
  return {
    object: 'page',
    entry: [
      {
        id: o.pageId,
        time: created,
        changes: [
          {
            field: 'leadgen',
            value: {
              ...(o.adId !== undefined ? { ad_id: o.adId } : {}),
              form_id: o.formId ?? randomDigits(15),
              leadgen_id: o.leadgenId,
              created_time: created,
              page_id: o.pageId,
              ...(o.adId !== undefined ? { adgroup_id: o.adId } : {}),
            },
          },
        ],
      },
    ],
  }
}

/** One delivery holding the entries of several payloads (same `object`), the way Meta batches them. */
export function batch(...payloads: object[]): object {
  const list = payloads as { object: string; entry: unknown[] }[]
  if (list.length === 0) throw new Error('batch() needs at least one payload')
  const object = list[0].object
  if (list.some((p) => p.object !== object)) throw new Error(`batch(): payloads mix object types (${list.map((p) => p.object).join(', ')})`)
  return { object, entry: list.flatMap((p) => p.entry) }
}
