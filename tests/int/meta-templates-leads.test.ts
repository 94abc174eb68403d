import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fbLeadgen, waTemplateStatus, type FakeGraph } from '../fakes/meta'
import { api } from './helpers/api'
import { asSystem, createPlan } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { eventsOf, metaShop, postWebhook, startMetaWorld, type MetaShop } from './helpers/meta'

/** Connection test, WhatsApp templates (submit, sync, status webhook) and lead ads. */
describe('Meta connection, templates and lead ads', () => {
  let payload: Payload
  let graph: FakeGraph
  let shop: MetaShop
  let other: MetaShop

  beforeAll(async () => {
    ;({
      payload,
      graph,
      shops: [shop, other],
    } = await startMetaWorld(2))
  })
  afterAll(() => graph.close())

  const templates = async (tenantId: string) =>
    (await asSystem(() => payload.find({ collection: 'message-templates', where: { tenant: { equals: tenantId } }, limit: 0, pagination: false, overrideAccess: true }))).docs
  const leads = async (tenantId: string) => (await asSystem(() => payload.find({ collection: 'leads', where: { tenant: { equals: tenantId } }, limit: 0, pagination: false, overrideAccess: true }))).docs

  describe('test connection', () => {
    it('proves a number and a page with their own tokens, records the result and subscribes the page', async () => {
      graph.reset()
      const number = await api('POST', `/numbers/${shop.number.id}/test-connection`, { token: shop.token })
      expect(number.status).toBe(200)
      expect(number.body).toMatchObject({ ok: true, status: 'connected', verified: true })
      // The number answers to its token, and its WABA lists it to the same token.
      expect(graph.calls.map((c) => [c.path, c.token])).toEqual([
        [`/${shop.number.phoneNumberId}`, shop.number.token],
        [`/${shop.number.wabaId}/phone_numbers`, shop.number.token],
      ])
      graph.reset()
      const page = await api('POST', `/pages/${shop.page.id}/test-connection`, { token: shop.token })
      expect(page.body).toMatchObject({ ok: true, status: 'connected', verified: true })
      // A page token's /me is its page (a page's own node is public: it proves nothing).
      expect(graph.calls.map((c) => [c.method, c.path, c.token])).toEqual([
        ['GET', '/me', shop.page.token],
        ['POST', `/${shop.page.pageId}/subscribed_apps`, shop.page.token],
      ])
      const stored = await asSystem(() => payload.findByID({ collection: 'pages', id: shop.page.id, overrideAccess: true }))
      expect(stored.connection).toMatchObject({ ok: true })
      expect(stored.connection?.checkedAt).toBeTruthy()
    })

    it('records a refused token as disconnected, and Graph errors as error — both still verified', async () => {
      const broken = await metaShop(payload, graph)
      graph.failNext({ path: /^\/me$/ }, { status: 400, code: 100, message: '(#100) Unsupported get request' })
      const page = await api('POST', `/pages/${broken.page.id}/test-connection`, { token: broken.token })
      expect(page.body).toMatchObject({ ok: false, status: 'error', verified: true })
      expect(page.body.message).toMatch(/code 100/)
      graph.revokeToken(broken.number.token)
      const number = await api('POST', `/numbers/${broken.number.id}/test-connection`, { token: broken.token })
      expect(number.body).toMatchObject({ ok: false, status: 'disconnected', verified: true })
      expect((await asSystem(() => payload.findByID({ collection: 'numbers', id: broken.number.id, overrideAccess: true }))).status).toBe('disconnected')
    })

    it('is not available for another shop’s page', async () => {
      const res = await api('POST', `/pages/${other.page.id}/test-connection`, { token: shop.token })
      expect(res.status).toBe(404)
      expect(graph.calls.some((c) => c.path === `/${other.page.pageId}`)).toBe(false)
    })
  })

  describe('templates', () => {
    it('submits a new template to the number’s WABA and stores it as PENDING with Meta’s id', async () => {
      const res = await api('POST', '/message-templates', {
        token: shop.token,
        body: { number: shop.number.id, name: 'order_shipped', language: 'en_US', category: 'UTILITY', bodyText: 'Hi {{1}}, order {{2}} has shipped.', bodyExamples: ['Rahim', 'ORD-1'] },
      })
      expect(res.status).toBe(201)
      expect(res.body.doc).toMatchObject({ status: 'PENDING', wabaId: shop.number.wabaId })
      const atMeta = graph.templates(shop.number.wabaId).find((t) => t.name === 'order_shipped')!
      expect(res.body.doc.metaId).toBe(atMeta.id)
      expect(JSON.stringify(atMeta.components)).toContain('ORD-1')
    })

    it('refuses a body without example values, and passes on Meta’s refusal; nothing is stored', async () => {
      const noExamples = await api('POST', '/message-templates', { token: shop.token, body: { number: shop.number.id, name: 'no_examples', language: 'en_US', category: 'UTILITY', bodyText: 'Hi {{1}}' } })
      expect(noExamples.status).toBe(400)
      expect(JSON.stringify(noExamples.body)).toMatch(/example/)
      const duplicate = await api('POST', '/message-templates', {
        token: shop.token,
        body: { number: shop.number.id, name: 'order_shipped', language: 'en_US', category: 'UTILITY', bodyText: 'Again', description: 'x' },
      })
      expect(duplicate.status).toBe(400)
      const taken = graph.templates(shop.number.wabaId).length
      graph.failNext({ method: 'POST', path: /message_templates$/ }, { status: 400, code: 100, message: 'Invalid parameter', details: 'Body text is too long' })
      const refused = await api('POST', '/message-templates', { token: shop.token, body: { number: shop.number.id, name: 'refused_one', language: 'en_US', category: 'MARKETING', bodyText: 'Sale' } })
      expect(refused.status).toBe(400)
      expect(JSON.stringify(refused.body)).toMatch(/Body text is too long/)
      expect((await templates(shop.tenant.id)).map((t) => t.name)).toEqual(['order_shipped'])
      expect(graph.templates(shop.number.wabaId)).toHaveLength(taken)
    })

    it('moves a template to APPROVED or REJECTED from Meta’s status webhook', async () => {
      const [template] = await templates(shop.tenant.id)
      await postWebhook(waTemplateStatus({ wabaId: shop.number.wabaId, templateId: template.metaId!, name: template.name, event: 'REJECTED', reason: 'INVALID_FORMAT' }))
      await drainQueue(payload)
      expect((await templates(shop.tenant.id))[0]).toMatchObject({ status: 'REJECTED', rejectedReason: 'INVALID_FORMAT' })
      await postWebhook(waTemplateStatus({ wabaId: shop.number.wabaId, templateId: template.metaId!, name: template.name, event: 'APPROVED' }))
      await drainQueue(payload)
      expect((await templates(shop.tenant.id))[0]).toMatchObject({ status: 'APPROVED', rejectedReason: null })
    })

    it('syncs the WABA’s templates across Graph’s pages, and never into another shop', async () => {
      for (let i = 0; i < 130; i++)
        graph.addTemplate(shop.number.wabaId, { name: `bulk_${String(i).padStart(3, '0')}`, language: 'bn', status: i % 3 ? 'APPROVED' : 'PAUSED', components: [{ type: 'BODY', text: `Bulk ${i}` }] })
      const res = await api('POST', '/message-templates/sync', { token: shop.token, body: { number: shop.number.id } })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ created: 130, updated: 1, total: 131 })
      const mine = await templates(shop.tenant.id)
      expect(mine).toHaveLength(131)
      expect(mine.find((t) => t.name === 'bulk_003')).toMatchObject({ status: 'PAUSED', bodyText: 'Bulk 3', language: 'bn' })
      expect(await templates(other.tenant.id)).toHaveLength(0)
      expect((await api('POST', '/message-templates/sync', { token: other.token, body: { number: shop.number.id } })).status).toBe(404)
    })

    it('refuses changing a submitted template’s content, but keeps the team’s note editable', async () => {
      const [template] = await templates(shop.tenant.id)
      const change = await api('PATCH', `/message-templates/${template.id}`, { token: shop.token, body: { bodyText: 'Changed' } })
      expect(change.status).toBe(400)
      const note = await api('PATCH', `/message-templates/${template.id}`, { token: shop.token, body: { description: 'Send after dispatch' } })
      expect(note.status).toBe(200)
    })
  })

  describe('lead ads', () => {
    it('fetches the lead with the page token, maps its fields and adds it to the page owner’s leads', async () => {
      graph.addLead({
        leadgenId: '5001',
        pageId: shop.page.pageId,
        formId: '77',
        fieldData: [
          { name: 'full_name', values: ['Karim Uddin'] },
          { name: 'phone_number', values: ['01712-345678'] },
          { name: 'email', values: ['karim@example.com'] },
        ],
      })
      expect((await postWebhook(fbLeadgen({ pageId: shop.page.pageId, leadgenId: '5001', formId: '77' }))).status).toBe(200)
      await drainQueue(payload)
      const call = graph.calls.find((c) => c.path === '/5001')!
      expect(call.token).toBe(shop.page.token)
      expect(await leads(shop.tenant.id)).toEqual([expect.objectContaining({ name: 'Karim Uddin', phone: '+8801712345678', email: 'karim@example.com', source: 'lead-ad' })])
      expect(await leads(other.tenant.id)).toHaveLength(0)
    })

    it('deduplicates by phone within the shop; the same person in another shop is that shop’s own lead', async () => {
      graph.addLead({
        leadgenId: '5002',
        pageId: shop.page.pageId,
        fieldData: [
          { name: 'full_name', values: ['Karim again'] },
          { name: 'phone_number', values: ['+8801712345678'] },
        ],
      })
      graph.addLead({
        leadgenId: '5003',
        pageId: other.page.pageId,
        fieldData: [
          { name: 'full_name', values: ['Karim elsewhere'] },
          { name: 'phone_number', values: ['+8801712345678'] },
        ],
      })
      await postWebhook(fbLeadgen({ pageId: shop.page.pageId, leadgenId: '5002' }))
      await postWebhook(fbLeadgen({ pageId: shop.page.pageId, leadgenId: '5002' })) // redelivered
      await postWebhook(fbLeadgen({ pageId: other.page.pageId, leadgenId: '5003' }))
      await drainQueue(payload)
      expect(await leads(shop.tenant.id)).toHaveLength(1)
      expect(await leads(other.tenant.id)).toEqual([expect.objectContaining({ name: 'Karim elsewhere', phone: '+8801712345678' })])
      expect(graph.calls.filter((c) => c.path === '/5002')).toHaveLength(1)
    })

    it('consumes the monthly leads quota; past it the lead is not stored and the event says why', async () => {
      const plan = await createPlan(payload, { leadsPerMonth: 1 })
      const limited = await metaShop(payload, graph, { plan: plan.id })
      for (const [id, phone] of [
        ['6001', '+8801911111111'],
        ['6002', '+8801922222222'],
      ]) {
        graph.addLead({
          leadgenId: id,
          pageId: limited.page.pageId,
          fieldData: [
            { name: 'full_name', values: [`Lead ${id}`] },
            { name: 'phone_number', values: [phone] },
          ],
        })
        await postWebhook(fbLeadgen({ pageId: limited.page.pageId, leadgenId: id }))
      }
      await drainQueue(payload)
      expect((await leads(limited.tenant.id)).map((l) => l.name)).toEqual(['Lead 6001'])
      const event = (await eventsOf(payload, limited.tenant.id)).find((e) => e.eventKey === 'leadgen:6002')!
      expect(event.status).toBe('ignored')
      expect(event.error).toMatch(/quota/)
    })
  })
})
