import { graphError, waInvalidParam, type Reply } from './graph-errors'
import type { NumberRecord, RequestContext, TemplateRecord } from './graph-types'
import { charCount, isObject } from './graph-types'
import { cursorPage } from './graph-paging'
import { randomDigits, randomWamid } from './ids'

/** WhatsApp Cloud API endpoints (integrations.md §1.2, §1.6): phone number node, a WABA's numbers, send, templates. */

const MESSAGE_TYPES = new Set(['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'template', 'reaction'])
const CATEGORIES = new Set(['UTILITY', 'MARKETING', 'AUTHENTICATION'])
const COMPONENT_TYPES = new Set(['HEADER', 'BODY', 'FOOTER', 'BUTTONS'])

/** `GET /{phone_number_id}` — always the same fields, whatever `fields` asks. */
export function phoneNumberNode(n: NumberRecord): Reply {
  return {
    status: 200,
    body: { id: n.phoneNumberId, display_phone_number: n.displayPhoneNumber, verified_name: n.verifiedName, quality_rating: n.qualityRating },
  }
}

/** `POST /{phone_number_id}/messages` — send, or mark read. */
export function whatsappSend(ctx: RequestContext, n: NumberRecord): Reply {
  const p = ctx.params
  if (p.messaging_product !== 'whatsapp') return waInvalidParam('The parameter messaging_product is required.')
  if (p.status !== undefined) {
    if (p.status !== 'read') return waInvalidParam('Param status must be read.')
    if (typeof p.message_id !== 'string' || !p.message_id) return waInvalidParam('The parameter message_id is required.')
    return { status: 200, body: { success: true } }
  }
  const to = typeof p.to === 'number' ? String(p.to) : p.to
  if (to === undefined || to === '') return waInvalidParam('The parameter to is required.')
  if (typeof to !== 'string' || !/^\+?\d{1,20}$/.test(to)) return waInvalidParam('Param to must be a phone number (digits, optional leading +).')
  if (p.recipient_type !== undefined && p.recipient_type !== 'individual') return waInvalidParam('Param recipient_type must be individual.')
  const type = p.type
  if (type === undefined || type === '') return waInvalidParam('The parameter type is required.')
  if (typeof type !== 'string' || !MESSAGE_TYPES.has(type)) {
    return waInvalidParam(`Param type must be one of {${[...MESSAGE_TYPES].join(', ').toUpperCase()}} - got "${String(type)}".`)
  }
  const content = p[type]
  if (typeof content !== 'object' || content === null) return waInvalidParam(`The parameter ${type} is required.`)

  const sent = { channel: 'whatsapp' as const, from: n.phoneNumberId, to, type, raw: p }
  let extra: { text?: string; template?: { name: string; language: string; components?: unknown[] } } = {}
  if (type === 'text') {
    const body = content.body
    if (typeof body !== 'string' || body === '') return waInvalidParam('The parameter text[body] is required.')
    if (charCount(body) > 4096) return waInvalidParam('Param text[body] must be at most 4096 characters long.')
    extra = { text: body }
  } else if (type === 'template') {
    const name = content.name
    const language = isObject(content.language) ? content.language.code : undefined
    if (typeof name !== 'string' || !name) return waInvalidParam('The parameter template[name] is required.')
    if (typeof language !== 'string' || !language) return waInvalidParam('The parameter template[language][code] is required.')
    if (content.components !== undefined && !Array.isArray(content.components)) return waInvalidParam('Param template[components] must be an array.')
    const found = (ctx.state.templates.get(n.wabaId) ?? []).find((t) => t.name === name && t.language === language)
    if (!found || found.status !== 'APPROVED') {
      return graphError(400, 132001, '(#132001) Template name does not exist in the translation', {
        details: `template name (${name}) does not exist in ${language}`,
      })
    }
    extra = { template: { name, language, ...(content.components ? { components: content.components } : {}) } }
  }
  const id = randomWamid()
  ctx.state.sent.push({ ...sent, ...extra, id })
  return {
    status: 200,
    body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }], messages: [{ id }] },
  }
}

function templateNode(t: TemplateRecord) {
  return { name: t.name, components: t.components, language: t.language, status: t.status, category: t.category, id: t.id }
}

/** `GET /{waba_id}/message_templates` — filters name (substring), status/category/language (comma lists); cursor paging. */
export function listTemplates(ctx: RequestContext, wabaId: string): Reply {
  const q = ctx.query
  const anyOf = (value: string | undefined) => (value ? value.split(',').map((s) => s.trim().toUpperCase()) : null)
  const statuses = anyOf(q.status)
  const categories = anyOf(q.category)
  const languages = q.language ? q.language.split(',').map((s) => s.trim()) : null
  const all = (ctx.state.templates.get(wabaId) ?? []).filter(
    (t) => (!q.name || t.name.includes(q.name)) && (!statuses || statuses.includes(t.status)) && (!categories || categories.includes(t.category)) && (!languages || languages.includes(t.language)),
  )
  return cursorPage(ctx, 'tpl', `/${wabaId}/message_templates`, all, templateNode)
}

/**
 * `GET /{waba_id}/phone_numbers` — the WABA's numbers (Graph's WhatsApp Business Account phone
 * numbers edge: id, display_phone_number, verified_name, quality_rating, code_verification_status,
 * platform_type), in the order they were added; cursor paging.
 */
export function listPhoneNumbers(ctx: RequestContext, wabaId: string): Reply {
  const all = [...ctx.state.numbers.values()].filter((n) => n.wabaId === wabaId).map((n) => ({ ...n, id: n.phoneNumberId }))
  return cursorPage(ctx, 'pn', `/${wabaId}/phone_numbers`, all, (n) => ({
    verified_name: n.verifiedName,
    code_verification_status: 'VERIFIED',
    display_phone_number: n.displayPhoneNumber,
    quality_rating: n.qualityRating,
    platform_type: 'CLOUD_API',
    id: n.phoneNumberId,
  }))
}

/** `POST /{waba_id}/message_templates` — validates, stores as PENDING. */
export function createTemplate(ctx: RequestContext, wabaId: string): Reply {
  const p = ctx.params
  if (typeof p.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(p.name)) {
    return waInvalidParam('Param name must be 1-512 characters of lowercase letters, digits and underscores.')
  }
  if (typeof p.language !== 'string' || !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(p.language)) return waInvalidParam('The parameter language is required (e.g. en_US).')
  const category = typeof p.category === 'string' ? p.category.toUpperCase() : ''
  if (!CATEGORIES.has(category)) return waInvalidParam('Param category must be one of {UTILITY, MARKETING, AUTHENTICATION}.')
  if (!Array.isArray(p.components)) return waInvalidParam('The parameter components is required.')
  for (const c of p.components) {
    if (!isObject(c) || typeof c.type !== 'string' || !COMPONENT_TYPES.has(c.type.toUpperCase())) {
      return waInvalidParam('Param components[type] must be one of {HEADER, BODY, FOOTER, BUTTONS}.')
    }
  }
  const body = p.components.find((c: any) => c.type.toUpperCase() === 'BODY')
  if (!body || typeof body.text !== 'string' || body.text.trim() === '') return waInvalidParam('Message template must have a BODY component with text.')
  const list = ctx.state.templates.get(wabaId) ?? []
  if (list.some((t) => t.name === p.name && t.language === p.language)) {
    return graphError(400, 100, 'Message template already exists', {
      subcode: 2388024,
      details: `There is already ${p.language} content for this template. You can create a new template and try again.`,
    })
  }
  const template: TemplateRecord = { id: randomDigits(16), name: p.name, language: p.language, status: 'PENDING', category, components: p.components }
  ctx.state.templates.set(wabaId, [...list, template])
  return { status: 200, body: { id: template.id, status: 'PENDING', category } }
}

/** `DELETE /{waba_id}/message_templates?name=[&hsm_id=]` — every language of the name (or only `hsm_id`). */
export function deleteTemplate(ctx: RequestContext, wabaId: string): Reply {
  const { name, hsm_id: hsmId } = ctx.params
  if (typeof name !== 'string' || !name) return waInvalidParam('The parameter name is required.')
  const list = ctx.state.templates.get(wabaId) ?? []
  const doomed = (t: TemplateRecord) => t.name === name && (!hsmId || t.id === String(hsmId))
  if (!list.some(doomed)) return waInvalidParam(`Message template "${name}" not found.`)
  ctx.state.templates.set(
    wabaId,
    list.filter((t) => !doomed(t)),
  )
  return { status: 200, body: { success: true } }
}

/** `GET /{template_id}` — the template node. */
export function templateById(t: TemplateRecord): Reply {
  return { status: 200, body: templateNode(t) }
}
