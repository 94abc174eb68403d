import type { Endpoint, PayloadRequest } from 'payload'

import type { Customer, Order } from '../../../payload-types'
import { authorizeOn } from '../endpoints/authorize'
import { fail } from '../errors'
import { hostOf } from '../options'
import { queryString, queryUuid, refuseIfAny, type ParamError } from '../reconcile/params'
import { phoneRisk } from './risk'

const idOf = (v: unknown) => (v && typeof v === 'object' ? String((v as { id: unknown }).id) : String(v))
const READ_ORDERS = { collection: 'orders', operation: 'read' } as const

/** The customer's phone, read in the tenant's context once the caller was authorised on the order or customer. */
async function customerPhone(req: PayloadRequest, tenantId: string, customerId: string): Promise<string> {
  const options = hostOf(req)
  const customer: Customer | null = await options.tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, () =>
    req.payload.findByID({ collection: 'customers', id: customerId, depth: 0, overrideAccess: true, req, disableErrors: true }),
  )
  if (!customer) throw fail('not_found', 'The order’s customer is gone.', 404)
  return customer.phone
}

/**
 * GET /api/couriers/risk?phone=… | ?order=<id> | ?customer=<id> [&tenant=<id>] — how the shop's
 * own deliveries to this phone went (risk.ts): delivered, returned, cancelled after pickup,
 * failed attempts, the success score and whether a cash order to it is risky. For anyone who may
 * read the shop's orders: an order or customer is read with the caller's own access (another
 * shop's is a 404); a bare phone is looked up in `?tenant=` / the request's shop. 400 when the
 * phone is not a Bangladeshi mobile number.
 */
export const riskEndpoint: Endpoint = {
  path: '/risk',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const errors: ParamError[] = []
    const phone = queryString(req, 'phone', errors)
    const orderId = queryUuid(req, 'order', errors)
    const customerId = queryUuid(req, 'customer', errors)
    const given = [phone, orderId, customerId].filter(Boolean).length
    if (given !== 1 && errors.length === 0) errors.push({ path: 'phone', message: 'Give one of phone, order or customer.' })
    refuseIfAny(errors)
    let tenantId: string
    let asked: string
    if (orderId) {
      const { doc, tenantId: t } = await authorizeOn<Order>(req, 'orders', orderId, READ_ORDERS)
      tenantId = t
      asked = await customerPhone(req, t, idOf(doc.customer))
    } else if (customerId) {
      const { doc, tenantId: t } = await authorizeOn<Customer>(req, 'customers', customerId, READ_ORDERS)
      tenantId = t
      asked = doc.phone
    } else {
      tenantId = await options.tenancy.endpointTenant(req, {
        roles: options.access.rolesAllowed('orders', 'read'),
        signIn: 'Sign in first.',
        choose: 'Name the shop: ?tenant=<id>.',
        forbidden: 'Your role may not read orders in this shop.',
      })
      asked = phone
    }
    const risk = await phoneRisk(req, tenantId, asked)
    if (!risk) throw fail('invalid_input', `phone: "${asked.slice(0, 30)}" is not a Bangladeshi mobile number (01XXXXXXXXX).`, 400, { errors: [{ path: 'phone', message: 'Not a Bangladeshi mobile number.' }] })
    return Response.json(risk, { headers: { 'cache-control': 'no-store' } })
  },
}
