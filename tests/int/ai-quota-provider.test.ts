import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { peek, tenantUsage } from '../../plugins/quotas'
import type { FakeLlm } from '../fakes/llm'
import type { FakeGraph } from '../fakes/meta'
import { aiPlan, aiShop, assist, customerWrites, ledgerOf, startAiWorld, type AiShop } from './helpers/ai-world'
import { api, apiRaw } from './helpers/api'
import { setEnv } from './helpers/env'
import { asSystem, createPlan } from './helpers/factories'
import { inboxOf } from './helpers/meta'
import { createLocalReq } from 'payload'
import { runWithTenant } from '../../src/tenancy/request-context'

/**
 * The assistant within its quota and its provider (plugins/ai/README.md, "Quota", "Provider"):
 * each request takes one unit of `aiRequestsPerMonth` before the provider is called — past the
 * limit the provider sees nothing; 429 and 500 are retried by the client and then end in a clear
 * 502 with nothing sent; without AI_BASE_URL/AI_API_KEY/AI_MODEL the features say why; the usage
 * view counts the requests; the settings are the tenant-admin's and audited.
 */
describe('AI assistant quota and provider', () => {
  let payload: Payload
  let graph: FakeGraph
  let llm: FakeLlm
  let close: () => Promise<void>
  let shop: AiShop
  let conversation: string

  beforeAll(async () => {
    ;({ payload, graph, llm, close } = await startAiWorld())
    shop = await aiShop(payload, graph, { plan: await aiPlan(payload, 2), products: ['Power Bank'], customers: ['Rahim Uddin'], policy: 'We deliver inside Dhaka in 2 days.' })
    conversation = (await customerWrites(payload, shop, shop.customers[0], 'Can you deliver to Dhanmondi by Friday?')).id
  })
  afterAll(async () => close())

  const usage = () => runWithTenant({ tenantId: shop.tenant.id, via: 'job' }, async () => peek(await createLocalReq({}, payload), shop.tenant.id, 'aiRequestsPerMonth'))

  it('a suggestion takes one AI request, shows in the usage view, and is grounded on the policy', async () => {
    llm.reset()
    const res = await assist(shop.token, 'suggest-reply', conversation)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ language: 'en' })
    expect(res.body.text).toContain('We deliver inside Dhaka in 2 days.')
    expect(llm.calls).toHaveLength(1)
    expect(llm.calls[0].headers.authorization).toBe(`Bearer ${llm.apiKey}`)
    expect(await usage()).toMatchObject({ used: 1, max: 2 })
    const view = await runWithTenant({ tenantId: shop.tenant.id, via: 'job' }, async () => tenantUsage(await createLocalReq({}, payload), shop.tenant.id))
    expect(view!.limits.find((l) => l.limit === 'aiRequestsPerMonth')).toMatchObject({ used: 1, max: 2, kind: 'monthly' })
  })

  it('retries the provider’s 429s and answers; after too many 500s fails clearly, sending nothing', async () => {
    llm.reset()
    llm.failNext(2, 429)
    const ok = await assist(shop.token, 'summarise', conversation)
    expect(ok.status).toBe(200)
    expect(llm.calls.map((c) => c.answered)).toEqual([429, 429, 200])
    expect(await usage()).toMatchObject({ used: 2 })

    // The month is now used up: raise the limit for the failure case.
    await asSystem(() =>
      payload.update({ collection: 'plans', id: String(typeof shop.tenant.plan === 'object' ? shop.tenant.plan?.id : shop.tenant.plan), data: { limits: { aiRequestsPerMonth: 3 } }, overrideAccess: true }),
    )
    llm.reset()
    llm.failNext(3, 500)
    const before = (await inboxOf(payload, shop.tenant.id)).messages.length
    const failed = await assist(shop.token, 'suggest-reply', conversation)
    expect(failed.status).toBe(502)
    expect(failed.body).toMatchObject({ error: 'upstream_error' })
    expect(failed.body.message).toMatch(/AI provider failed \(500\).*nothing was sent/)
    expect(llm.calls.map((c) => c.answered)).toEqual([500, 500, 500])
    expect((await inboxOf(payload, shop.tenant.id)).messages).toHaveLength(before)
    const last = (await ledgerOf(payload, shop.tenant.id)).at(-1)!
    expect(last).toMatchObject({ feature: 'suggest-reply', outcome: 'error', calls: 3, error: 'provider 500' })
  })

  it('refuses with quota_exceeded before calling the provider when the month is spent', async () => {
    expect(await usage()).toMatchObject({ used: 3, max: 3 })
    llm.reset()
    const res = await assist(shop.token, 'suggest-reply', conversation)
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ error: 'quota_exceeded', limit: 'aiRequestsPerMonth', used: 3, max: 3 })
    expect(res.body.message).toMatch(/AI requests/)
    expect(llm.calls).toEqual([])
    expect(await usage()).toMatchObject({ used: 3 })
    expect((await ledgerOf(payload, shop.tenant.id)).at(-1)).toMatchObject({ outcome: 'refused', tokensIn: 0, calls: 0 })
  })

  it('a plan without AI, and a feature switched off, are refused without a call', async () => {
    const noAi = await createPlan(payload, {}, ['whatsapp', 'messenger'])
    const other = await aiShop(payload, graph, { plan: noAi, products: ['Fan'], customers: ['Someone'], policy: 'x' })
    const c = await customerWrites(payload, other, other.customers[0], 'hello')
    llm.reset()
    expect((await assist(other.token, 'suggest-reply', c.id)).body).toMatchObject({ error: 'feature_not_in_plan' })
    const status = await api('GET', '/ai/status', { token: other.token })
    expect(status.body).toMatchObject({ available: false })
    await api('PATCH', `/ai-settings/${shop.settingsId}`, { token: shop.token, body: { features: { summarise: false } } })
    const off = await assist(shop.token, 'summarise', conversation)
    expect(off.status).toBe(403)
    expect(off.body.message).toMatch(/switched off/)
    expect(llm.calls).toEqual([])
  })

  it('without AI_BASE_URL the features are unavailable and say why', async () => {
    const restore = setEnv({ AI_BASE_URL: undefined })
    try {
      llm.reset()
      const status = await api('GET', '/ai/status', { token: shop.token })
      expect(status.body).toMatchObject({ available: false })
      expect(status.body.reason).toMatch(/AI_BASE_URL/)
      const res = await assist(shop.token, 'suggest-reply', conversation)
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({ error: 'not_configured' })
      expect(llm.calls).toEqual([])
    } finally {
      restore()
    }
    expect((await api('GET', '/ai/status', { token: shop.token })).body).toMatchObject({ available: true })
  })

  it('a wrong key is a clear failure, not retried', async () => {
    const restore = setEnv({ AI_API_KEY: 'wrong-key' })
    try {
      await asSystem(() =>
        payload.update({ collection: 'plans', id: String(typeof shop.tenant.plan === 'object' ? shop.tenant.plan?.id : shop.tenant.plan), data: { limits: { aiRequestsPerMonth: 100 } }, overrideAccess: true }),
      )
      llm.reset()
      const res = await assist(shop.token, 'suggest-reply', conversation)
      expect(res.status).toBe(502)
      expect(res.body.message).toMatch(/AI_API_KEY/)
      expect(llm.calls.map((c) => c.answered)).toEqual([401])
    } finally {
      restore()
    }
  })

  it('settings are the tenant-admin’s, validated, and every change is audited', async () => {
    const bad = await api('POST', '/ai/suggest-reply', { token: shop.token, body: { conversation: 'not-an-id' } })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: 'invalid_input', errors: [{ path: 'conversation' }] })
    // Malformed, oversized or mistyped bodies: the app's coded 4xx, no quota unit taken, the provider not called.
    llm.reset()
    const usedBefore = (await usage()).used
    const json = { 'content-type': 'application/json' }
    const cases: [string, Record<string, string>, number, string][] = [
      ['{"conversation":', json, 400, 'invalid_json'],
      ['["x"]', json, 400, 'invalid_input'],
      [JSON.stringify({ conversation: 'x'.repeat(10_000) }), json, 413, 'payload_too_large'],
      ['conversation=x', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ]
    for (const [body, headers, status, error] of cases) {
      const res = await apiRaw('POST', '/ai/suggest-reply', { token: shop.token, headers, body })
      expect(res.status, body.slice(0, 30)).toBe(status)
      expect(res.body.error, body.slice(0, 30)).toBe(error)
    }
    expect((await usage()).used).toBe(usedBefore)
    expect(llm.calls).toHaveLength(0)
    const patched = await api('PATCH', `/ai-settings/${shop.settingsId}`, { token: shop.token, body: { tone: 'formal', handoffKeywords: ['refund'] } })
    expect(patched.status).toBe(200)
    const log = await asSystem(async () => (await payload.find({ collection: 'audit-logs', where: { documentId: { equals: shop.settingsId } }, sort: 'createdAt', overrideAccess: true, depth: 0 })).docs)
    expect(log.at(-1)).toMatchObject({ collection: 'ai-settings', action: 'update', actorLabel: shop.admin.email })
    expect(JSON.stringify(log.at(-1)!.changes)).toContain('formal')
    // The ledger is the system's: not even the tenant-admin writes it.
    expect((await api('POST', '/ai-usage', { token: shop.token, body: { feature: 'summarise', outcome: 'ok' } })).status).toBe(403)
  })
})
