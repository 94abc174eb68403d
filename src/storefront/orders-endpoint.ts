import { APIError, type Endpoint } from 'payload'

import { readJsonBody } from '../http/read-json-body'
import { limitByIp } from '../ratelimit/by-ip'
import { requireScopes } from '../tenancy/api-keys'
import { withRequestTenant } from '../tenancy/request-tenant'
import { parseStorefrontOrder } from './order-input'
import { placeStorefrontOrder } from './place-order'

/** Orders are small; anything bigger is refused before it is parsed. */
export const MAX_ORDER_BODY_BYTES = 64 * 1024

/**
 * POST /api/storefront/orders — a storefront places an order for its shop.
 *
 * The shop is the request's resolved tenant (API key with `orders-create` and
 * `customers-create`, or X-Tenant header / host for anonymous storefronts), never the body.
 * Body: `{ customer: { name, phone (E.164), email?, address? }, items: [{ sku | productId,
 * quantity }], paymentMethod?, notes? }`. The customer is found by phone in that shop or
 * created; the order is created with `source: 'storefront'` (number and totals come from the
 * Orders hooks), both in one transaction. 201 `{ order: { number, total, currency, status } }`;
 * 400 with field paths on bad input (nothing stored); 401/403/404 from tenant resolution; 429
 * past `storefront-orders` (anonymous callers, per IP) or the shop's API limits. An anonymous
 * order uses the shop's ordersPerMonth only when staff confirm it (see place-order.ts).
 */
export const storefrontOrdersEndpoint: Endpoint = {
  path: '/storefront/orders',
  method: 'post',
  handler: (req) =>
    withRequestTenant(req, async (resolved) => {
      if (!resolved) {
        throw new APIError('Name the shop: send its API key, an X-Tenant header, or call its own host name.', 400, undefined, true)
      }
      requireScopes(resolved.apiKey, ['orders-create', 'customers-create'])
      // Strangers per IP; an API key is held to its shop's API limits (tenant resolution) instead.
      if (!resolved.apiKey) await limitByIp(req, 'storefront-orders', resolved.tenant.id)
      const input = parseStorefrontOrder(await readJsonBody(req, { maxBytes: MAX_ORDER_BODY_BYTES }))
      const order = await placeStorefrontOrder(req, resolved.tenant, input)
      return Response.json({ order: { number: order.number, total: order.total, currency: order.currency, status: order.status } }, { status: 201, headers: { 'Cache-Control': 'no-store' } })
    }),
}
