import { randomBytes } from 'node:crypto'
import { sql } from '@payloadcms/db-postgres'
import type { Endpoint, PayloadRequest } from 'payload'

import type { Courier, Order } from '../../../payload-types'
import { accountAdapter, readAccount } from '../client'
import { fail, upstream } from '../errors'
import { hostOf } from '../options'
import { webhookUrlOf } from '../webhook/endpoint'
import { authorizeOn } from './authorize'
import { rateCardQuote } from './rate-card'
import { idOf, textOf } from '../ids'

const userCtx = (req: PayloadRequest, tenantId: string) => ({ tenantId, via: 'user' as const, userId: String(req.user!.id) })

/** The account with its secrets for the system's use, after the caller was authorised on it. */
async function revealed(req: PayloadRequest, tenantId: string, id: string): Promise<Courier> {
  const account = await hostOf(req).tenancy.runWithTenant(userCtx(req, tenantId), () => readAccount(req, id))
  if (!account) throw fail('not_found', 'Not found.', 404)
  return account
}

/** GET /api/couriers/:id/webhook — the URL and secret to paste into the courier's panel (tenant-admins: who may update the account). */
const webhookInfo: Endpoint = {
  path: '/:id/webhook',
  method: 'get',
  handler: async (req) => {
    const { tenantId } = await authorizeOn<Courier>(req, 'couriers', req.routeParams?.id, { collection: 'couriers', operation: 'update' })
    const options = hostOf(req)
    const account = (await options.tenancy.runWithTenant(userCtx(req, tenantId), () =>
      req.payload.findByID({ collection: 'couriers', id: textOf(req.routeParams?.id), depth: 0, overrideAccess: true, req, context: { [options.secrets.revealKey]: true } }),
    )) as Courier & { webhookId?: string; webhookSecret?: string; pathaoHandshake?: string }
    const secret = account.webhookSecret ? options.secrets.decrypt(account.webhookSecret) : ''
    const how: Record<string, string> = {
      steadfast: 'In the Steadfast panel, set the callback URL and put the secret in “Auth Token” (sent as Authorization: Bearer).',
      pathao: 'In the Pathao merchant panel, add the webhook URL and the secret (sent as X-PATHAO-Signature).',
      redx: 'Give RedX the callback URL with the token in it (RedX sends no signature).',
    }
    return Response.json({ url: webhookUrlOf(req, account, secret), secret, provider: account.provider, handshake: account.pathaoHandshake ?? null, instructions: how[account.provider] })
  },
}

/** POST /api/couriers/:id/webhook/rotate — a new webhook secret (the old one stops working at once). */
const rotate: Endpoint = {
  path: '/:id/webhook/rotate',
  method: 'post',
  handler: async (req) => {
    const { tenantId } = await authorizeOn<Courier>(req, 'couriers', req.routeParams?.id, { collection: 'couriers', operation: 'update' })
    const options = hostOf(req)
    const secret = randomBytes(24).toString('base64url')
    await options.tenancy.runWithTenant(userCtx(req, tenantId), () => options.db.runSql(req, rotateSql(textOf(req.routeParams?.id), options.secrets.encrypt(secret))))
    return Response.json({ rotated: true })
  },
}

const rotateSql = (id: string, encrypted: string) => sql`update couriers set webhook_secret = ${encrypted}, updated_at = now() where id = ${id}::uuid`

/** GET /api/couriers/:id/quote?order=<id>&weightGrams= — the courier's price for the order's parcel: its API, else the shop's rate card. */
const quote: Endpoint = {
  path: '/:id/quote',
  method: 'get',
  handler: async (req) => {
    const orderId = textOf(req.query?.order)
    const { doc: order, tenantId } = await authorizeOn<Order>(req, 'orders', orderId, { collection: 'orders', operation: 'update' })
    const account = await revealed(req, tenantId, textOf(req.routeParams?.id))
    const weightRaw = req.query?.weightGrams
    const weightGrams = weightRaw === undefined || weightRaw === '' ? ((account as Courier & { defaultWeightGrams?: number }).defaultWeightGrams ?? 500) : Number(weightRaw)
    if (!Number.isInteger(weightGrams) || weightGrams < 1 || weightGrams > 30_000)
      throw fail('invalid_input', 'weightGrams: a whole number from 1 to 30000.', 400, { errors: [{ path: 'weightGrams', message: 'A whole number from 1 to 30000.' }] })
    const options = hostOf(req)
    return options.tenancy.runWithTenant(userCtx(req, tenantId), async () => {
      const customer = await req.payload.findByID({ collection: 'customers', id: idOf(order.customer), depth: 0, overrideAccess: true, req, disableErrors: true })
      const address = customer?.addresses?.[0]
      const district = typeof req.query?.district === 'string' && req.query.district ? req.query.district : (address?.district ?? address?.city ?? null)
      const codAmount = order.paymentMethod === 'cod' ? (order.total ?? 0) : 0
      const adapter = accountAdapter(req, account)
      if (adapter.quotes) {
        const areaId = Number(req.query?.areaId) || undefined
        const storeId = typeof req.query?.storeId === 'string' && req.query.storeId ? req.query.storeId : ((account as Courier & { storeId?: string }).storeId ?? undefined)
        try {
          const q = await adapter.quote({
            recipient: {
              name: customer?.name ?? '',
              phone: customer?.phone ?? '',
              address: address?.line1 ?? '',
              city: district ?? undefined,
              areaId,
              cityId: Number(req.query?.cityId) || undefined,
              zoneId: Number(req.query?.zoneId) || undefined,
            },
            codAmount,
            weightGrams,
            storeId,
          })
          return Response.json({ source: 'api', currency: order.currency ?? 'BDT', codAmount, weightGrams, ...q })
        } catch (error) {
          if (!(account.rateCard ?? []).length) throw upstream(error)
        }
      }
      const card = rateCardQuote(account, district, weightGrams)
      if (!card)
        throw fail('not_found', `No quote: ${account.provider} has no price API and the account’s rate card has no row for ${district ?? 'this district'} at ${weightGrams} g. Add one on the account.`, 404)
      return Response.json({ source: 'rate-card', currency: order.currency ?? 'BDT', codAmount, weightGrams, ...card })
    })
  },
}

/** GET /api/couriers/:id/stores — the account's pickup stores at the courier (Pathao, RedX). */
const stores: Endpoint = {
  path: '/:id/stores',
  method: 'get',
  handler: async (req) => {
    const { tenantId } = await authorizeOn<Courier>(req, 'couriers', req.routeParams?.id, { collection: 'shipments', operation: 'update' })
    const account = await revealed(req, tenantId, textOf(req.routeParams?.id))
    try {
      return Response.json({ stores: await hostOf(req).tenancy.runWithTenant(userCtx(req, tenantId), () => accountAdapter(req, account).stores()) })
    } catch (error) {
      throw upstream(error)
    }
  },
}

/** GET /api/couriers/bookable?tenant= — the shop's active accounts, for staff who may book (who may not read the accounts themselves). */
const bookable: Endpoint = {
  path: '/bookable',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const roles = options.access.rolesAllowed('shipments', 'update').filter((r) => options.access.rolesAllowed('orders', 'update').includes(r))
    const tenantId = await options.tenancy.endpointTenant(req, { roles, signIn: 'Sign in first.', choose: 'Name the shop: ?tenant=<id>.', forbidden: 'Your role may not book shipments in this shop.' })
    const { docs } = await options.tenancy.runWithTenant(userCtx(req, tenantId), () =>
      req.payload.find({ collection: 'couriers', where: { status: { not_equals: 'disabled' } }, depth: 0, limit: 50, overrideAccess: true, req, sort: '-isDefault' }),
    )
    return Response.json({
      accounts: (docs as (Courier & { storeId?: string; defaultWeightGrams?: number })[]).map((a) => ({
        id: a.id,
        label: a.label,
        provider: a.provider,
        isDefault: Boolean(a.isDefault),
        storeId: a.storeId ?? null,
        defaultWeightGrams: a.defaultWeightGrams ?? 500,
        quotes: a.provider !== 'steadfast' || (a.rateCard ?? []).length > 0,
      })),
    })
  },
}

export const accountEndpoints: Endpoint[] = [bookable, webhookInfo, rotate, quote, stores]
