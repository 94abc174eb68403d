import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expiredToken, graphError, injectedError, invalidParam, invalidToken, unsupported, type InjectedError, type Reply } from './graph-errors'
import { leadNode, messengerSend, pageNode, profileNode, subscribeApp } from './graph-messenger'
import type { GraphCall, GraphState, QualityRating, RequestContext, SentMessage, TemplateRecord } from './graph-types'
import { isObject } from './graph-types'
import { createTemplate, deleteTemplate, listPhoneNumbers, listTemplates, phoneNumberNode, templateById, whatsappSend } from './graph-whatsapp'
import { randomDigits } from './ids'

export type { GraphCall, SentMessage } from './graph-types'

export type FakeGraphOptions = {
  /** HTTP status for rate-limit codes (4, 613, 80007, 130429) injected without an explicit status. Default 429. */
  rateLimitStatus?: 400 | 429
  /** Loopback port to listen on (e2e: the app was started pointing at it). Default: any free port. */
  port?: number
}

export type FakeGraph = {
  /** 'http://127.0.0.1:PORT' — no version, no trailing slash. */
  url: string
  /** Every request, in order (also those answered with injected errors). */
  calls: GraphCall[]
  /** Messages accepted by the send endpoints (not read receipts or sender actions). */
  sent: SentMessage[]
  addNumber(n: { phoneNumberId: string; wabaId: string; token: string; displayPhoneNumber?: string; verifiedName?: string; qualityRating?: QualityRating }): void
  addPage(p: { pageId: string; name?: string; token: string }): void
  /** A Messenger user of a page, for `GET /{psid}` (profile name). */
  addProfile(p: { psid: string; pageId: string; firstName: string; lastName?: string }): void
  addLead(l: { leadgenId: string; pageId: string; formId?: string; adId?: string; createdTime?: string; fieldData: { name: string; values: string[] }[] }): void
  /** Registers a template (default status APPROVED, category UTILITY); replaces one with the same name + language. */
  addTemplate(wabaId: string, t: { name: string; language: string; status?: string; category?: string; components?: unknown[]; id?: string }): { id: string }
  /** Changes the status of a template (e.g. approve one created through the API). Throws when unknown. */
  setTemplateStatus(wabaId: string, name: string, language: string, status: string): void
  templates(wabaId: string): TemplateRecord[]
  /** Later calls with this token → HTTP 401, code 190, subcode 463. */
  revokeToken(token: string): void
  /** The next `times` (default 1) requests matching `match` answer this Graph error instead (status defaults from the code). */
  failNext(match: { method?: string; path?: RegExp }, error: InjectedError, times?: number): void
  /** Answer every request after `ms` (latency injection), until cleared with ms = 0. */
  delay(ms: number): void
  /** Resolves once `count` messages were accepted (or rejects after the timeout). */
  waitForSent(count: number, timeoutMs?: number): Promise<SentMessage[]>
  /** Forgets calls, sent messages, injected errors, latency and token revocations; keeps numbers, pages, leads, templates. */
  reset(): void
  close(): Promise<void>
}

type Injection = { method?: string; path?: RegExp; error: InjectedError; remaining: number }

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Graph form params may carry JSON values (`recipient={"id":"…"}`). */
function jsonish(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

function parseBody(raw: string, contentType: string): { ok: true; value: any } | { ok: false; raw: string } {
  if (raw.trim() === '') return { ok: true, value: null }
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of new URLSearchParams(raw)) out[k] = jsonish(v)
    return { ok: true, value: out }
  }
  try {
    return { ok: true, value: JSON.parse(raw) }
  } catch {
    return { ok: false, raw }
  }
}

function bearer(req: IncomingMessage): string | null {
  const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return m ? m[1] : null
}

/**
 * A local Meta Graph API (WhatsApp Cloud API, Messenger Send API, templates, lead ads) on
 * 127.0.0.1, random port. Who may see what follows Graph: `GET /me` with a page token is that
 * page; a page node is public (any valid token reads its id and name), its edges need its token;
 * a phone number node and a WABA's edges (`phone_numbers`, `message_templates`) need a token of
 * that WABA (here: the token of one of its numbers).
 */
export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const rateLimitStatus = options.rateLimitStatus ?? 429
  const state: GraphState = { numbers: new Map(), pages: new Map(), leads: new Map(), profiles: new Map(), templates: new Map(), revoked: new Set(), sent: [] }
  const calls: GraphCall[] = []
  let injections: Injection[] = []
  let delayMs = 0
  let waiters: (() => void)[] = []
  let baseUrl = ''

  /** A token of the WABA: here, the token of one of its numbers. */
  const wabaToken = (wabaId: string, t: string) => [...state.numbers.values()].some((n) => n.wabaId === wabaId && n.token === t)
  const knownToken = (t: string) => [...state.numbers.values()].some((n) => n.token === t) || [...state.pages.values()].some((p) => p.token === t)

  function route(ctx: RequestContext): Reply {
    const { method, token, state } = ctx
    const [first, edge, ...more] = ctx.segments
    if (first === undefined) return unsupported(method, '')
    const id = first === 'me' ? ([...state.pages.values()].find((p) => p.token === token)?.pageId ?? 'me') : first
    const nope = unsupported(method, first)
    if (more.length > 0) return nope

    const number = state.numbers.get(id)
    if (number) {
      if (!wabaToken(number.wabaId, token)) return nope
      if (edge === undefined && method === 'GET') return phoneNumberNode(number)
      if (edge === 'messages' && method === 'POST') return whatsappSend(ctx, number)
      return nope
    }
    const page = state.pages.get(id)
    if (page) {
      // A page is public: its node (id, name) answers any valid token — only its edges and
      // `GET /me` need the page's own token.
      if (edge === undefined && method === 'GET') return pageNode(page)
      if (page.token !== token) return nope
      if (edge === 'messages' && method === 'POST') return messengerSend(ctx, page)
      if (edge === 'subscribed_apps' && method === 'POST') return subscribeApp()
      return nope
    }
    const lead = state.leads.get(id)
    if (lead) {
      if (state.pages.get(lead.pageId)?.token !== token || edge !== undefined || method !== 'GET') return nope
      return leadNode(lead)
    }
    const profile = state.profiles.get(id)
    if (profile) return state.pages.get(profile.pageId)?.token === token && edge === undefined && method === 'GET' ? profileNode(profile) : nope
    const numbersOfWaba = [...state.numbers.values()].filter((n) => n.wabaId === id)
    if (numbersOfWaba.length > 0) {
      if (!wabaToken(id, token)) return nope
      if (edge === 'phone_numbers') return method === 'GET' ? listPhoneNumbers(ctx, id) : nope
      if (edge !== 'message_templates') return nope
      if (method === 'GET') return listTemplates(ctx, id)
      if (method === 'POST') return createTemplate(ctx, id)
      if (method === 'DELETE') return deleteTemplate(ctx, id)
      return nope
    }
    for (const [wabaId, list] of state.templates) {
      const template = list.find((t) => t.id === id)
      if (!template) continue
      const allowed = [...state.numbers.values()].some((n) => n.wabaId === wabaId && n.token === token)
      return allowed && edge === undefined && method === 'GET' ? templateById(template) : nope
    }
    return nope
  }

  async function handle(req: IncomingMessage): Promise<Reply> {
    const method = (req.method ?? 'GET').toUpperCase()
    const raw = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const allSegments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    const versioned = /^v\d+\.\d+$/.test(allSegments[0] ?? '')
    const version = versioned ? allSegments[0] : ''
    const segments = versioned ? allSegments.slice(1) : allSegments
    const path = '/' + segments.join('/')
    const query = Object.fromEntries(url.searchParams)
    const parsed = parseBody(raw, String(req.headers['content-type'] ?? ''))
    const body = parsed.ok ? parsed.value : parsed.raw
    const bodyToken = parsed.ok && isObject(parsed.value) && typeof parsed.value.access_token === 'string' ? parsed.value.access_token : null
    const headerToken = bearer(req)
    const token = headerToken ?? query.access_token ?? bodyToken ?? null
    calls.push({ method, path, version, query, body, token, at: Date.now() })

    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
    const rule = injections.find((r) => {
      if (r.path) r.path.lastIndex = 0
      return (!r.method || r.method.toUpperCase() === method) && (!r.path || r.path.test(path))
    })
    if (rule) {
      rule.remaining -= 1
      if (rule.remaining <= 0) injections = injections.filter((r) => r !== rule)
      return injectedError(rule.error, rateLimitStatus)
    }

    if (!versioned) return graphError(400, 100, '(#100) The path must start with a Graph API version segment, e.g. /v21.0/…', { type: 'GraphMethodException' })
    if (!parsed.ok) return invalidParam('Request body is not valid JSON')
    if (method !== 'GET' && method !== 'DELETE' && parsed.value !== null && !isObject(parsed.value)) return invalidParam('Request body must be a JSON object')
    if (token === null) return invalidToken()
    if (state.revoked.has(token)) return expiredToken()
    if (!knownToken(token)) return invalidToken()

    const params: Record<string, any> = {}
    for (const [k, v] of Object.entries(query)) params[k] = jsonish(v)
    if (isObject(parsed.value)) Object.assign(params, parsed.value)
    delete params.access_token
    const tokenInQuery = headerToken === null && query.access_token !== undefined
    return route({ method, version, segments, query, params, token, state, baseUrl, tokenInQuery })
  }

  function respond(res: ServerResponse, reply: Reply) {
    const text = JSON.stringify(reply.body)
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) })
    res.end(text)
  }

  const server = createServer((req, res) => {
    const before = state.sent.length
    handle(req)
      .then((reply) => respond(res, reply))
      .catch((err: unknown) => respond(res, graphError(500, 1, `An unknown error occurred: ${String(err)}`)))
      .finally(() => {
        if (state.sent.length !== before) waiters.splice(0).forEach((wake) => wake())
      })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    calls,
    sent: state.sent,
    addNumber(n) {
      state.numbers.set(n.phoneNumberId, {
        phoneNumberId: n.phoneNumberId,
        wabaId: n.wabaId,
        token: n.token,
        displayPhoneNumber: n.displayPhoneNumber ?? '1555' + n.phoneNumberId.slice(-7).padStart(7, '0'),
        verifiedName: n.verifiedName ?? 'Test Business',
        qualityRating: n.qualityRating ?? 'GREEN',
      })
    },
    addPage(p) {
      state.pages.set(p.pageId, { pageId: p.pageId, name: p.name ?? `Page ${p.pageId}`, token: p.token })
    },
    addProfile(p) {
      state.profiles.set(p.psid, { psid: p.psid, pageId: p.pageId, firstName: p.firstName, lastName: p.lastName ?? '' })
    },
    addLead(l) {
      state.leads.set(l.leadgenId, {
        leadgenId: l.leadgenId,
        pageId: l.pageId,
        formId: l.formId ?? randomDigits(15),
        adId: l.adId,
        createdTime: l.createdTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, '+0000'),
        fieldData: l.fieldData,
      })
    },
    addTemplate(wabaId, t) {
      const list = (state.templates.get(wabaId) ?? []).filter((x) => !(x.name === t.name && x.language === t.language))
      const record: TemplateRecord = {
        id: t.id ?? randomDigits(16),
        name: t.name,
        language: t.language,
        status: t.status ?? 'APPROVED',
        category: t.category ?? 'UTILITY',
        components: t.components ?? [],
      }
      state.templates.set(wabaId, [...list, record])
      return { id: record.id }
    },
    setTemplateStatus(wabaId, name, language, status) {
      const t = (state.templates.get(wabaId) ?? []).find((x) => x.name === name && x.language === language)
      if (!t) throw new Error(`fake Graph: no template ${name}/${language} in WABA ${wabaId}`)
      t.status = status
    },
    templates: (wabaId) => (state.templates.get(wabaId) ?? []).map((t) => ({ ...t })),
    revokeToken: (token) => void state.revoked.add(token),
    failNext(match, error, times = 1) {
      injections.push({ method: match.method, path: match.path, error, remaining: times })
    },
    delay(ms) {
      delayMs = Math.max(0, ms)
    },
    waitForSent: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} sent messages, got ${state.sent.length}`)), timeoutMs)
        const check = () => {
          if (state.sent.length >= count) {
            clearTimeout(timer)
            resolve(state.sent)
          } else waiters.push(check)
        }
        check()
      }),
    reset() {
      calls.length = 0
      state.sent.length = 0
      injections = []
      delayMs = 0
      state.revoked.clear()
    },
    close: () =>
      new Promise((resolve) => {
        waiters = []
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
