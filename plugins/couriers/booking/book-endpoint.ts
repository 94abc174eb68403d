import { randomUUID } from 'node:crypto'
import { createLocalReq, type Endpoint, type PayloadRequest } from 'payload'

import { readAccount } from '../client'
import { fail } from '../errors'
import { hostOf } from '../options'
import { BOOK_TASK, chunksFor } from './book-task'
import { parseBookRequest } from './parse-request'
import { prepareShipment, type Refusal } from './prepare'
import { idOf } from '../ids'

const codeOf = (error: unknown) => (error as { data?: { error?: string } })?.data?.error ?? 'invalid_input'

/**
 * POST /api/shipments/book — book one order or many with one courier account (README,
 * "Booking"). Staff who may update orders and shipments in the shop (tenant-admin,
 * sales-operator). Each order is checked and queued in its own transaction, so one bad order
 * never stops the others: the answer (202) lists the accepted shipments and the refused orders
 * with the reason, and names the batch whose progress GET /api/shipments/batch/:batch reports.
 * The courier is called by the `courierBook` job.
 */
export const bookEndpoint: Endpoint = {
  path: '/book',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const options = hostOf(req)
    const body = parseBookRequest(await req.json?.().catch(() => undefined))
    const roles = options.access.rolesAllowed('shipments', 'update').filter((r) => options.access.rolesAllowed('orders', 'update').includes(r))
    const tenantId = await options.tenancy.endpointTenant(req, {
      roles,
      signIn: 'Sign in to book shipments.',
      choose: 'Name the shop: ?tenant=<id>, or select one in the admin.',
      forbidden: 'Your role may not book shipments in this shop.',
    })
    const userId = req.user ? String(req.user.id) : undefined
    return options.tenancy.runWithTenant({ tenantId, via: 'user', userId }, async () => {
      const account = await readAccount(req, body.account)
      if (!account || idOf(account.tenant) !== tenantId) throw fail('not_found', 'No such courier account in this shop.', 404)
      if (account.status === 'disabled') throw fail('conflict', `The courier account “${account.label}” is disabled.`, 409)
      const batch = randomUUID()
      const accepted: { order: string; shipment: string }[] = []
      const refused: Refusal[] = []
      for (const orderId of body.orders) {
        // A fresh req per order (same user), so one refusal rolls back only its own order.
        const orderReq = await createLocalReq({ user: req.user ?? undefined }, req.payload)
        orderReq.context = { ...req.context }
        try {
          const shipment = await options.db.withTransaction(orderReq, () => prepareShipment(orderReq, tenantId, account, orderId, body, batch))
          accepted.push({ order: orderId, shipment: String(shipment.id) })
        } catch (error) {
          if (body.orders.length === 1) throw error
          refused.push({ order: orderId, number: null, error: codeOf(error), message: error instanceof Error ? error.message : String(error) })
        }
      }
      for (const shipmentIds of chunksFor(
        account.provider,
        accepted.map((a) => a.shipment),
      )) {
        await req.payload.jobs.queue({ task: BOOK_TASK, input: { tenantId, shipmentIds }, req })
      }
      if (accepted.length > 0 && options.runJobsAfterMs > 0) options.jobs.kickJobs(req.payload, options.runJobsAfterMs)
      return Response.json({ batch, accepted, refused }, { status: 202 })
    })
  },
}
