import type { Conversation, Message, User } from './api'

export const CHANNEL_LABELS: Record<Conversation['channel'], string> = { whatsapp: 'WhatsApp', messenger: 'Messenger' }

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/** "5 minutes ago", "yesterday", "just now". */
export function relativeTime(iso: null | string | undefined, now = Date.now(), language = 'en'): string {
  if (!iso) return ''
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000)
  if (Number.isNaN(seconds)) return ''
  if (Math.abs(seconds) < 45) return 'just now'
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit)
  return rtf.format(Math.round(seconds / 60), 'minute')
}

/** "14:05", or "12 Mar, 14:05" when not today. */
export function messageTime(iso: null | string | undefined, language = 'en'): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const today = new Date().toDateString() === date.toDateString()
  return new Intl.DateTimeFormat(language, today ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date)
}

export const fullTime = (iso: null | string | undefined): string => (iso ? new Date(iso).toLocaleString() : '')

/** The numbers of the `{{n}}` placeholders of a template body, ascending, without repeats. */
export function placeholders(bodyText: null | string | undefined): number[] {
  const found = new Set<number>()
  for (const match of (bodyText ?? '').matchAll(/\{\{\s*(\d+)\s*\}\}/g)) found.add(Number(match[1]))
  return [...found].sort((a, b) => a - b)
}

/** The body with `{{n}}` replaced by the given values (unfilled ones stay as written). */
export const fillPlaceholders = (bodyText: string, values: Record<number, string>): string => bodyText.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => values[Number(n)]?.trim() || whole)

export const contactLabel = (c: Pick<Conversation, 'contactId' | 'contactName'>): string => c.contactName?.trim() || c.contactId

export const userLabel = (u: null | string | undefined | Partial<User>): string => (u && typeof u === 'object' ? u.email || u.name?.trim() || String(u.id) : '')

/** What a message says, in one line: its text, `[template] name (a, b)`, or `[image]`. */
export function messageText(m: Pick<Message, 'attachment' | 'template' | 'text' | 'type'>): string {
  if (m.type === 'template') {
    const params = m.template?.parameters?.filter(Boolean) ?? []
    return `[template] ${m.template?.name ?? ''}${params.length ? ` (${params.join(', ')})` : ''}`
  }
  if (m.type === 'text') return m.text ?? ''
  return m.text ? `[${m.type}] ${m.text}` : `[${m.type}]`
}

/** A link for a media attachment, when the stored attachment has one. */
export function attachmentURL(attachment: unknown): null | string {
  if (!attachment || typeof attachment !== 'object') return null
  const url = (attachment as { url?: unknown; link?: unknown }).url ?? (attachment as { link?: unknown }).link
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : null
}
