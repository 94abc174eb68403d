import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { proveUnchecked, TAKEN_MESSAGES, uncheckedChannels } from '../../plugins/meta'
import { fbMessage, randomDigits, waMessage, waTemplateStatus, type FakeGraph } from '../fakes/meta'
import { api, graphql, login } from './helpers/api'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { eventsOf, inboxOf, markVerified, metaShop, postWebhook, startMetaWorld, type MetaShop } from './helpers/meta'
import { ownerPool } from './helpers/payload'

/**
 * Issue 13, Meta: a shop signed up by an attacker must not receive another shop's webhook
 * events by registering its page id, phone number id or WABA id. A page or number routes only
 * after Graph proved, with its own token, that the token controls it (plugins/meta/proof); an id
 * already verified elsewhere is refused with one generic 409; an unverified claim blocks nobody.
 */
describe('Meta channel proof', () => {
  let payload: Payload
  let graph: FakeGraph
  let victim: MetaShop
  let attacker: { tenant: Tenant; token: string; page: { pageId: string; token: string }; number: { phoneNumberId: string; wabaId: string; token: string } }

  beforeAll(async () => {
    ;({
      payload,
      graph,
      shops: [victim],
    } = await startMetaWorld(1))
    // A stranger signs up and has a page and a number of their own — real, with valid tokens.
    const tenant = await createTenant(payload)
    const token = await login((await createStaff(payload, tenant, 'tenant-admin')).email, PASSWORD)
    attacker = { tenant, token, page: { pageId: randomDigits(15), token: 'EAAB-attacker-page' }, number: { phoneNumberId: randomDigits(15), wabaId: randomDigits(15), token: 'EAAB-attacker-wa' } }
    graph.addPage({ ...attacker.page, name: 'Attacker page' })
    graph.addNumber(attacker.number)
  })
  afterAll(() => graph.close())

  const waTo = (phoneNumberId: string, wabaId: string, text: string) => waMessage({ wabaId, phoneNumberId, from: '8801755000001', text })
  const channel = (collection: 'pages' | 'numbers', id: string) => asSystem(() => payload.findByID({ collection, id, depth: 0, overrideAccess: true }))
  const count = (collection: 'pages' | 'numbers', tenant: string) => asSystem(() => payload.count({ collection, where: { tenant: { equals: tenant } }, overrideAccess: true })).then((r) => r.totalDocs)

  it('refuses an id another shop has verified with one generic 409 — the same for the shop’s own duplicate — and stores nothing', async () => {
    const before = { pages: await count('pages', attacker.tenant.id), numbers: await count('numbers', attacker.tenant.id) }
    const attempts = [
      { as: attacker.token, collection: 'pages', body: { name: 'Mine now', pageId: victim.page.pageId, accessToken: attacker.page.token }, taken: 'page' },
      {
        as: attacker.token,
        collection: 'numbers',
        body: { phoneNumberId: victim.number.phoneNumberId, wabaId: attacker.number.wabaId, displayPhoneNumber: '+8801800000001', accessToken: attacker.number.token },
        taken: 'number',
      },
      {
        as: attacker.token,
        collection: 'numbers',
        body: { phoneNumberId: attacker.number.phoneNumberId, wabaId: victim.number.wabaId, displayPhoneNumber: '+8801800000001', accessToken: attacker.number.token },
        taken: 'waba',
      },
      { as: victim.token, collection: 'pages', body: { name: 'Twice', pageId: victim.page.pageId, accessToken: victim.page.token }, taken: 'page' },
      {
        as: victim.token,
        collection: 'numbers',
        body: { phoneNumberId: victim.number.phoneNumberId, wabaId: victim.number.wabaId, displayPhoneNumber: '+8801800000001', accessToken: victim.number.token },
        taken: 'number',
      },
    ] as const
    for (const attempt of attempts) {
      const res = await api('POST', `/${attempt.collection}`, { token: attempt.as, body: attempt.body })
      expect(res.status, JSON.stringify(res.body)).toBe(409)
      expect(res.body.message).toBe(TAKEN_MESSAGES[attempt.taken].message)
      const text = JSON.stringify(res.body)
      for (const secret of [victim.tenant.id, victim.tenant.slug, victim.tenant.name, 'Page 1', 'Shop 1']) expect(text).not.toContain(secret)
    }
    // GraphQL answers the same words.
    const gql = await graphql('mutation($data: mutationPageInput!) { createPage(data: $data) { id } }', {
      token: attacker.token,
      variables: { data: { name: 'Via GraphQL', pageId: victim.page.pageId, accessToken: attacker.page.token, status: 'unverified' } },
    })
    expect(gql.body.errors?.[0]?.message).toBe(TAKEN_MESSAGES.page.message)
    expect({ pages: await count('pages', attacker.tenant.id), numbers: await count('numbers', attacker.tenant.id) }).toEqual(before)
    expect(await count('pages', victim.tenant.id)).toBe(1)
  })

  it('keeps a claim whose token does not control the id unverified; it receives nothing and does not block the real owner', async () => {
    const page = { pageId: randomDigits(15), token: 'EAAB-owner-page' }
    const wa = { phoneNumberId: randomDigits(15), wabaId: randomDigits(15), token: 'EAAB-owner-wa' }
    graph.addPage({ ...page, name: 'Owner page' })
    graph.addNumber(wa)
    // The attacker claims them first, with tokens of their own.
    const claims = [
      await api('POST', '/pages', { token: attacker.token, body: { name: 'Claimed', pageId: page.pageId, accessToken: attacker.page.token } }),
      await api('POST', '/numbers', { token: attacker.token, body: { phoneNumberId: wa.phoneNumberId, wabaId: wa.wabaId, displayPhoneNumber: '+8801800000002', accessToken: attacker.number.token } }),
      await api('POST', '/numbers', {
        token: attacker.token,
        body: { phoneNumberId: attacker.number.phoneNumberId, wabaId: wa.wabaId, displayPhoneNumber: '+8801800000003', accessToken: attacker.number.token },
      }),
    ]
    for (const claim of claims) {
      expect(claim.status, JSON.stringify(claim.body)).toBe(201)
      expect(claim.body.doc).toMatchObject({ status: 'unverified', verifiedAt: null, connection: { ok: false } })
    }
    expect(claims[0].body.doc.connection.message).toMatch(/not a page access token of page/)
    expect(claims[1].body.doc.connection.message).toMatch(/cannot use phone number/)
    expect(claims[2].body.doc.connection.message).toMatch(/cannot use WhatsApp Business Account/)
    // Setting the status or verifiedAt by hand is ignored (REST and GraphQL).
    await api('PATCH', `/pages/${claims[0].body.doc.id}`, { token: attacker.token, body: { status: 'connected', verifiedAt: new Date().toISOString(), connection: { ok: true } } })
    await graphql(`mutation { updateNumber(id: "${claims[1].body.doc.id}", data: { status: connected, verifiedAt: "${new Date().toISOString()}" }) { id } }`, { token: attacker.token })
    expect(await channel('pages', claims[0].body.doc.id)).toMatchObject({ status: 'unverified', verifiedAt: null })
    expect(await channel('numbers', claims[1].body.doc.id)).toMatchObject({ status: 'unverified', verifiedAt: null })
    // "Test connection" does not prove it either.
    const tested = await api('POST', `/pages/${claims[0].body.doc.id}/test-connection`, { token: attacker.token })
    expect(tested.body).toMatchObject({ ok: false, status: 'unverified', verified: false })

    // Nothing for these ids reaches anyone: treated like ids nobody owns.
    const events = [
      fbMessage({ pageId: page.pageId, psid: '5551001', text: 'to the page' }),
      waTo(wa.phoneNumberId, wa.wabaId, 'to the number'),
      waTemplateStatus({ wabaId: wa.wabaId, templateId: randomDigits(16), name: 'x', event: 'APPROVED' }),
    ]
    for (const event of events) expect((await postWebhook(event)).body).toMatchObject({ stored: 0, unknown: 1 })
    expect(await eventsOf(payload, attacker.tenant.id)).toHaveLength(0)

    // The real owner connects them all the same, and from now on receives everything addressed to them.
    const owner = await createTenant(payload)
    const ownerToken = await login((await createStaff(payload, owner, 'tenant-admin')).email, PASSWORD)
    const ownerPage = await api('POST', '/pages', { token: ownerToken, body: { name: 'Owner page', pageId: page.pageId, accessToken: page.token } })
    const ownerNumber = await api('POST', '/numbers', { token: ownerToken, body: { phoneNumberId: wa.phoneNumberId, wabaId: wa.wabaId, displayPhoneNumber: '+8801800000004', accessToken: wa.token } })
    expect(ownerPage.body.doc).toMatchObject({ status: 'connected', verifiedAt: expect.any(String) })
    expect(ownerNumber.body.doc).toMatchObject({ status: 'connected', verifiedAt: expect.any(String) })
    for (const event of events) expect((await postWebhook(event)).body).toMatchObject({ stored: 1, unknown: 0 })
    await drainQueue(payload)
    expect((await eventsOf(payload, owner.id)).map((e) => e.kind).sort()).toEqual(['fb-message', 'wa-message', 'wa-template-status'])
    expect(await eventsOf(payload, attacker.tenant.id)).toHaveLength(0)
    expect((await inboxOf(payload, owner.id)).messages.map((m) => m.text).sort()).toEqual(['to the number', 'to the page'])

    // The attacker's claims stay unverified; the database itself refuses a second verified holder.
    expect((await api('POST', `/pages/${claims[0].body.doc.id}/test-connection`, { token: attacker.token })).body.status).toBe('unverified')
    await expect(markVerified(payload, 'pages', claims[0].body.doc.id)).rejects.toThrow()
    await expect(markVerified(payload, 'numbers', claims[1].body.doc.id)).rejects.toThrow()
    await expect(markVerified(payload, 'numbers', claims[2].body.doc.id)).rejects.toThrow() // another shop's WABA
    expect((await api('POST', '/pages', { token: attacker.token, body: { name: 'Again', pageId: randomDigits(15), accessToken: attacker.page.token } })).status).toBe(201)
  })

  it('sends a verified channel back to unverified when its token or id changes, until it is proven again', async () => {
    const sendToPage = async (text: string) => (await postWebhook(fbMessage({ pageId: victim.page.pageId, psid: '5552001', text }))).body
    const wrong = await api('PATCH', `/pages/${victim.page.id}`, { token: victim.token, body: { accessToken: 'EAAB-not-this-page' } })
    expect(wrong.status).toBe(200)
    expect(wrong.body.doc).toMatchObject({ status: 'unverified', verifiedAt: null })
    expect(await sendToPage('while unverified')).toMatchObject({ stored: 0, unknown: 1 })
    const right = await api('PATCH', `/pages/${victim.page.id}`, { token: victim.token, body: { accessToken: victim.page.token } })
    expect(right.body.doc).toMatchObject({ status: 'connected', verifiedAt: expect.any(String) })
    expect(await sendToPage('proven again')).toMatchObject({ stored: 1 })

    // A WABA id the number is not in: unverified; back to the right one: verified.
    const moved = await api('PATCH', `/numbers/${victim.number.id}`, { token: victim.token, body: { wabaId: attacker.number.wabaId } })
    expect(moved.body.doc).toMatchObject({ status: 'unverified', verifiedAt: null })
    expect((await postWebhook(waTo(victim.number.phoneNumberId, victim.number.wabaId, 'lost'))).body).toMatchObject({ stored: 0, unknown: 1 })
    const back = await api('PATCH', `/numbers/${victim.number.id}`, { token: victim.token, body: { wabaId: victim.number.wabaId } })
    expect(back.body.doc).toMatchObject({ status: 'connected', verifiedAt: expect.any(String) })
    // Renaming changes nothing about the proof.
    const renamed = await api('PATCH', `/pages/${victim.page.id}`, { token: victim.token, body: { name: 'Renamed page' } })
    expect(renamed.body.doc.verifiedAt).toBe(right.body.doc.verifiedAt)
  })

  it('knocks a verified number back to unverified when a later check shows its token no longer controls it', async () => {
    expect((await postWebhook(waTo(victim.number.phoneNumberId, victim.number.wabaId, 'before the move'))).body).toMatchObject({ stored: 1 })
    await drainQueue(payload)
    const conversation = (await inboxOf(payload, victim.tenant.id)).conversations.find((c) => c.channel === 'whatsapp')!
    // The number moved to another business: the stored token (still valid for the old WABA and
    // its other numbers) cannot see it any more.
    graph.addNumber({ phoneNumberId: victim.number.phoneNumberId, wabaId: randomDigits(15), token: 'EAAB-new-business' })
    graph.addNumber({ phoneNumberId: randomDigits(15), wabaId: victim.number.wabaId, token: victim.number.token })
    const res = await api('POST', `/numbers/${victim.number.id}/test-connection`, { token: victim.token })
    expect(res.body).toMatchObject({ ok: false, status: 'unverified', verified: false })
    expect(res.body.message).toMatch(/no longer receives messages/)
    expect((await postWebhook(waTo(victim.number.phoneNumberId, victim.number.wabaId, 'after the move'))).body).toMatchObject({ stored: 0, unknown: 1 })
    // Sending through it is refused until it is proven again.
    const reply = await api('POST', '/messages', { token: victim.token, body: { conversation: conversation.id, type: 'text', text: 'hello?' } })
    expect(reply.status).toBe(400)
    expect(JSON.stringify(reply.body)).toMatch(/not verified/)
  })

  it('lets a verified claim win: a second shop with a valid token for the same page is refused with 409 and stays unverified', async () => {
    const page = { pageId: randomDigits(15), token: 'EAAB-shared-page' }
    graph.addPage({ ...page, name: 'Shared page' })
    const first = await createTenant(payload)
    const firstToken = await login((await createStaff(payload, first, 'tenant-admin')).email, PASSWORD)
    const second = await createTenant(payload)
    const secondToken = await login((await createStaff(payload, second, 'tenant-admin')).email, PASSWORD)
    // The first shop's claim is unverified for a while (a mistyped token)…
    const mistyped = await api('POST', '/pages', { token: firstToken, body: { name: 'Shared', pageId: page.pageId, accessToken: 'EAAB-typo' } })
    expect(mistyped.body.doc.status).toBe('unverified')
    // …so the second shop, whose token controls the page too, connects it.
    const won = await api('POST', '/pages', { token: secondToken, body: { name: 'Shared', pageId: page.pageId, accessToken: page.token } })
    expect(won.body.doc).toMatchObject({ status: 'connected', verifiedAt: expect.any(String) })
    // Now the first shop's proof holds, but the page is taken: unverified, with the generic words.
    const fixed = await api('PATCH', `/pages/${mistyped.body.doc.id}`, { token: firstToken, body: { accessToken: page.token } })
    expect(fixed.body.doc).toMatchObject({ status: 'unverified', verifiedAt: null })
    expect(fixed.body.doc.connection.message).toContain(TAKEN_MESSAGES.page.message)
    const tested = await api('POST', `/pages/${mistyped.body.doc.id}/test-connection`, { token: firstToken })
    expect(tested.status).toBe(409)
    expect(tested.body.message).toBe(TAKEN_MESSAGES.page.message)
    expect(JSON.stringify(tested.body)).not.toContain(second.id)
    expect((await postWebhook(fbMessage({ pageId: page.pageId, psid: '5553001', text: 'hi' }))).body).toMatchObject({ stored: 1 })
    expect(await eventsOf(payload, first.id)).toHaveLength(0)
    expect(await eventsOf(payload, second.id)).toHaveLength(1)
  })

  it('proves again, once, what the upgrade left unverified (the minute schedule)', async () => {
    const [fine, revoked] = [await metaShop(payload, graph), await metaShop(payload, graph)]
    const tenants = [fine.tenant.id, revoked.tenant.id]
    // What migration *_meta_channel_proof_sql does to every existing page and number.
    for (const table of ['pages', 'numbers']) {
      await ownerPool().query(`update ${table} set status = 'unverified', verified_at = null, connection_checked_at = null where tenant_id = any($1)`, [tenants])
    }
    expect((await postWebhook(fbMessage({ pageId: fine.page.pageId, psid: '5554001', text: 'during the upgrade' }))).body).toMatchObject({ unknown: 1 })
    expect((await uncheckedChannels(payload, 100)).filter((c) => tenants.includes(c.tenantId))).toHaveLength(4)
    graph.revokeToken(revoked.page.token)
    await proveUnchecked(payload)
    expect(await channel('pages', fine.page.id)).toMatchObject({ status: 'connected', verifiedAt: expect.any(String) })
    expect(await channel('numbers', fine.number.id)).toMatchObject({ status: 'connected', verifiedAt: expect.any(String) })
    expect(await channel('numbers', revoked.number.id)).toMatchObject({ status: 'connected', verifiedAt: expect.any(String) })
    const refused = await channel('pages', revoked.page.id)
    expect(refused).toMatchObject({ status: 'unverified', verifiedAt: null, connection: { ok: false, checkedAt: expect.any(String) } })
    expect(refused.connection?.message).toMatch(/refused the access token/)
    expect((await uncheckedChannels(payload, 100)).filter((c) => tenants.includes(c.tenantId))).toEqual([])
    expect((await postWebhook(fbMessage({ pageId: fine.page.pageId, psid: '5554001', text: 'after the upgrade' }))).body).toMatchObject({ stored: 1 })
  })
})
