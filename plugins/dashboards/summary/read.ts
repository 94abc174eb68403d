import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { ResolvedDashboardsOptions } from '../options'
import type { Periods } from '../period'

/** A period's sums per metric and dimension, and per day (for the charts). */
export type Figures = {
  /** metric → dimension → sum over the period. */
  totals: Map<string, Map<string, number>>
  /** day → metric → sum over the day's dimensions. */
  daily: Map<string, Map<string, number>>
  /** Days of the period the rollup has computed. */
  rolledUp: number
}

const emptyFigures = (): Figures => ({ totals: new Map(), daily: new Map(), rolledUp: 0 })

function add(map: Map<string, Map<string, number>>, a: string, b: string, value: number) {
  const inner = map.get(a) ?? new Map<string, number>()
  inner.set(b, (inner.get(b) ?? 0) + value)
  map.set(a, inner)
}

/** The sum of `metric` (all dimensions, or one). */
export const sumOf = (f: Figures, metric: string, dimension?: string): number => {
  const inner = f.totals.get(metric)
  if (!inner) return 0
  if (dimension !== undefined) return inner.get(dimension) ?? 0
  let total = 0
  for (const v of inner.values()) total += v
  return total
}

export type Read = {
  current: Figures
  previous: Figures
  /** COD collected but not settled, over all time up to the period's end. */
  outstandingCod: number
  /** The period's bounds as instants (for the lists' filters). */
  bounds: { from: string; to: string }
}

/**
 * One read of the rollup for the period and the previous one — O(days × dimensions), whatever
 * the number of orders — in the caller's tenant context (row-level security applies).
 */
export async function readFigures(options: ResolvedDashboardsOptions, req: PayloadRequest, tenantId: string, p: Periods, timeZone: string): Promise<Read> {
  const t = sql`${tenantId}::uuid`
  const rows = await options.db.runSql(
    req,
    sql`select day::text as day, metric, dimension, value::float8 as value from tenant_daily_metrics
        where tenant_id = ${t} and day between ${p.previous.from}::date and ${p.to}::date`,
  )
  const current = emptyFigures()
  const previous = emptyFigures()
  for (const r of rows) {
    const day = String(r.day)
    const f = day >= p.from ? current : previous
    const metric = String(r.metric)
    if (metric === '_day') {
      f.rolledUp++
      continue
    }
    add(f.totals, metric, String(r.dimension), Number(r.value))
    if (f === current) add(f.daily, day, metric, Number(r.value))
  }
  const [extra] = await options.db.runSql(
    req,
    sql`select
          (select coalesce(sum(value) filter (where metric = 'cod_collected'), 0) - coalesce(sum(value) filter (where metric = 'cod_settled'), 0)
             from tenant_daily_metrics where tenant_id = ${t} and metric in ('cod_collected', 'cod_settled') and day <= ${p.to}::date)::float8 as outstanding,
          to_char(((${p.from}::date)::timestamp at time zone ${timeZone}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as lo,
          to_char(((${p.to}::date + 1)::timestamp at time zone ${timeZone}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as hi`,
  )
  return { current, previous, outstandingCod: Number(extra?.outstanding ?? 0), bounds: { from: String(extra?.lo), to: String(extra?.hi) } }
}

export type StockRow = { id: string; name: string; stock: number }

/** Products at or under the low-stock mark (live: stock is a state, not a daily figure), fewest first. */
export async function lowStock(options: ResolvedDashboardsOptions, req: PayloadRequest, tenantId: string): Promise<{ count: number; rows: StockRow[] }> {
  const rows = await options.db.runSql(
    req,
    sql`select id::text, name, stock::float8 as stock, count(*) over ()::int as total from products
        where tenant_id = ${tenantId}::uuid and stock is not null and stock <= ${options.lowStockAt} order by stock, name limit 10`,
  )
  return { count: Number(rows[0]?.total ?? 0), rows: rows.map((r) => ({ id: String(r.id), name: typeof r.name === 'string' ? r.name : '', stock: Number(r.stock) })) }
}

/** The names of the products the top list shows (read in the tenant's context: another shop's id names nothing). */
export async function productNames(options: ResolvedDashboardsOptions, req: PayloadRequest, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await options.db.runSql(req, sql`select id::text, name from products where tenant_id = ${tenantId}::uuid and id::text = any(${`{${ids.join(',')}}`}::text[])`)
  return new Map(rows.map((r) => [String(r.id), typeof r.name === 'string' ? r.name : '']))
}
