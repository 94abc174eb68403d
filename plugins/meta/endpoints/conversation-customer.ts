import type { Endpoint } from 'payload'

import type { Conversation } from '../../../payload-types'
import { hostOf } from '../options'
import { authorizeOn, fail } from './authorize'

/**
 * POST /api/conversations/:id/customer `{ name?, phone? }` — the conversation's customer, for
 * "Create order" in the inbox: the linked one; else the tenant's customer with the contact's
 * phone (a WhatsApp contact's wa_id, or the phone given for a Messenger contact), linked; else a
 * new customer with that name and phone (for roles that may create customers), linked.
 */
export const conversationCustomerEndpoint: Endpoint = {
  path: '/:id/customer',
  method: 'post',
  handler: async (req) => {
    const { doc: conversation, tenantId } = await authorizeOn<Conversation>(req, 'conversations', req.routeParams?.id, { collection: 'conversations', operation: 'update' })
    const { access, tenancy, validation } = hostOf(req)
    const body = ((await req.json?.().catch(() => null)) ?? {}) as { name?: unknown; phone?: unknown }
    return tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, async () => {
      if (conversation.customer) return Response.json({ customer: String(typeof conversation.customer === 'object' ? conversation.customer.id : conversation.customer), created: false })
      const phone = typeof body.phone === 'string' && body.phone.trim() ? body.phone.trim() : conversation.channel === 'whatsapp' ? `+${conversation.contactId}` : ''
      if (!phone) throw fail('A Messenger contact has no phone number: give the customer’s phone.', 400)
      if (!validation.isPhone(phone)) throw fail(validation.phoneMessage, 400)
      const { docs } = await req.payload.find({ collection: 'customers', where: { and: [{ tenant: { equals: tenantId } }, { phone: { equals: phone } }] }, depth: 0, limit: 1, overrideAccess: true, req })
      let customer = docs[0]
      const created = !customer
      if (!customer) {
        if (!(await access.roleMay(req, tenantId, 'customers', 'create'))) throw fail('Your role may not create customers; ask a colleague to add this one.', 403)
        const name = (typeof body.name === 'string' && body.name.trim()) || conversation.contactName || phone
        customer = await req.payload.create({ collection: 'customers', data: { tenant: tenantId, name: name.slice(0, 120), phone }, overrideAccess: false, user: req.user, req })
      }
      await req.payload.update({ collection: 'conversations', id: conversation.id, data: { customer: customer.id }, overrideAccess: true, req })
      return Response.json({ customer: String(customer.id), created }, { status: created ? 201 : 200 })
    })
  },
}
