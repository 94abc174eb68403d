import { randomUUID } from 'node:crypto'

import { SET_CONTEXT_SQL } from '../../../src/db/rls/context'
import { ownerPool } from './payload'

/**
 * Raw rows for the dashboards' rollup tests, written straight into the tables as the owner
 * (with the bypass on), so a property test can make hundreds of orders, conversations and
 * parcels a run without going through the API. Timestamps are ISO strings (UTC).
 */
export type RawOrder = { at: string; source: string; status: string; total: number; customer: number; items: { product: number; quantity: number; unitPrice: number }[] }
export type RawLead = { at: string; source: string; status: string }
export type RawConversation = { at: string; channel: string; customer: null | number; messages: { at: string; direction: 'inbound' | 'outbound' }[] }
export type RawShipment = { at: string; status: string; cod: boolean; codExpected: number; deliveredAt: null | string; codCollected: number; settledAt: null | string; settledAmount: number }
export type RawWorld = { orders: RawOrder[]; leads: RawLead[]; conversations: RawConversation[]; shipments: RawShipment[] }

export const HOUR = 3_600_000
/** The ISO instant `ms` ago, and the calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export const ago = (ms: number) => new Date(Date.now() - ms).toISOString()
export const dayIn = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms))
/** An order of two units of the shop's first product for `total`, by its first customer. */
export const order = (at: string, source: string, status: string, total: number): RawOrder => ({ at, source, status, total, customer: 0, items: [{ product: 0, quantity: 2, unitPrice: total / 2 }] })

/** The fixed rows each test shop's raw rows point at: customers, products, a courier account and an order for parcels. */
export type Fixtures = { tenantId: string; customers: string[]; products: string[]; account: string; parcelOrder: string }

export async function ownerTx<T>(fn: (q: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<T>): Promise<T> {
  const client = await ownerPool().connect()
  try {
    await client.query('begin')
    await client.query(SET_CONTEXT_SQL(true), ['{}', 'on', '', '{}'])
    const result = await fn((text, values) => client.query(text, values))
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

export async function fixtures(tenantId: string): Promise<Fixtures> {
  return ownerTx(async (q) => {
    const customers = (await q(`insert into customers (tenant_id, name, phone) select $1, 'C' || i, '0171000000' || i from generate_series(1, 3) i returning id`, [tenantId])).rows.map((r) => String(r.id))
    const products = (
      await q(`insert into products (tenant_id, name, sku, price, stock, status) select $1, 'P' || i, 'SKU-' || i || '-' || $2, 1000, i, 'active' from generate_series(1, 3) i returning id`, [
        tenantId,
        randomUUID(),
      ])
    ).rows.map((r) => String(r.id))
    const [account] = (await q(`insert into couriers (tenant_id, provider, label) values ($1, 'steadfast', 'S') returning id`, [tenantId])).rows
    const [order] = (await q(`insert into orders (tenant_id, customer_id, total, created_at, updated_at) values ($1, $2, 0, '2000-01-01', '2000-01-01') returning id`, [tenantId, customers[0]])).rows
    return { tenantId, customers, products, account: String(account.id), parcelOrder: String(order.id) }
  })
}

/** Remove a shop's raw rows of the kinds the world makes (fixtures kept). */
export async function clearWorld(f: Fixtures): Promise<void> {
  await ownerTx(async (q) => {
    await q(`delete from messages where tenant_id = $1`, [f.tenantId])
    await q(`delete from conversations where tenant_id = $1`, [f.tenantId])
    await q(`delete from shipments where tenant_id = $1`, [f.tenantId])
    await q(`delete from orders where tenant_id = $1 and id <> $2`, [f.tenantId, f.parcelOrder])
    await q(`delete from leads where tenant_id = $1`, [f.tenantId])
  })
}

/** Write `world` as the shop's raw rows. */
export async function writeWorld(f: Fixtures, world: RawWorld): Promise<void> {
  await ownerTx(async (q) => {
    for (const o of world.orders) {
      const [row] = (
        await q(`insert into orders (tenant_id, customer_id, source, status, total, created_at) values ($1, $2, $3, $4, $5, $6) returning id`, [
          f.tenantId,
          f.customers[o.customer],
          o.source,
          o.status,
          o.total,
          o.at,
        ])
      ).rows
      for (const [i, item] of o.items.entries())
        await q(`insert into orders_items (_order, _parent_id, id, product_id, quantity, unit_price) values ($1, $2, $3, $4, $5, $6)`, [
          i + 1,
          row.id,
          randomUUID(),
          f.products[item.product],
          item.quantity,
          item.unitPrice,
        ])
    }
    for (const l of world.leads) await q(`insert into leads (tenant_id, name, phone, source, status, created_at) values ($1, 'L', $2, $3, $4, $5)`, [f.tenantId, randomUUID(), l.source, l.status, l.at])
    for (const c of world.conversations) {
      const [row] = (
        await q(`insert into conversations (tenant_id, channel, contact_id, customer_id, created_at) values ($1, $2, $3, $4, $5) returning id`, [
          f.tenantId,
          c.channel,
          randomUUID(),
          c.customer === null ? null : f.customers[c.customer],
          c.at,
        ])
      ).rows
      for (const m of c.messages) await q(`insert into messages (tenant_id, conversation_id, direction, created_at) values ($1, $2, $3, $4)`, [f.tenantId, row.id, m.direction, m.at])
    }
    for (const s of world.shipments)
      await q(
        `insert into shipments (tenant_id, order_id, account_id, provider, invoice, booking_state, active, status, payment_method, cod_expected, delivered_at, cod_collected, settled_at, settled_amount, created_at)
         values ($1, $2, $3, 'steadfast', $4, 'booked', false, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [f.tenantId, f.parcelOrder, f.account, randomUUID(), s.status, s.cod ? 'cod' : 'prepaid', s.codExpected, s.deliveredAt, s.codCollected, s.settledAt, s.settledAmount, s.at],
      )
  })
}

/** The ids of the shop's orders of a source (for a test that edits one through the API). */
export async function orderIds(tenantId: string, source: string): Promise<string[]> {
  const { rows } = await ownerTx((q) => q(`select id from orders where tenant_id = $1 and source = $2`, [tenantId, source]))
  return rows.map((r) => String(r.id))
}

/** The shop's rollup rows for a day range, `day|metric|dimension` → value (the `_day` markers left out). */
export async function rollupOf(tenantId: string, from: string, to: string): Promise<Record<string, number>> {
  const { rows } = await ownerTx((q) =>
    q(`select day::text as day, metric, dimension, value::float8 as value from tenant_daily_metrics where tenant_id = $1 and day between $2 and $3 and metric <> '_day'`, [tenantId, from, to]),
  )
  return Object.fromEntries(rows.map((r) => [`${String(r.day)}|${String(r.metric)}|${String(r.dimension)}`, Number(r.value)]))
}
