import type { Section } from '../permissions'
import { sumOf, type Figures, type Read, type StockRow } from './read'

export type Format = 'count' | 'money' | 'percent' | 'seconds'
/** One KPI: this period's value, the previous period's, and the list it summarises. */
export type Tile = { key: string; label: string; format: Format; value: null | number; previous: null | number; href?: string }
/** A breakdown (by source, status, channel…): one row per dimension, this period and the previous one. */
export type Breakdown = { key: string; label: string; rows: { dimension: string; value: number; previous: number }[] }
export type SectionBody = { tiles: Tile[]; breakdowns: Breakdown[]; series: { key: string; label: string; metric: string }[] }

export type SummaryLinks = { admin: string; from: string; to: string }
export type ProductsExtra = { top: { id: string; name: string; units: number; revenue: number }[]; lowStock: { count: number; rows: StockRow[]; at: number } }

const ratio = (a: number, b: number) => (b > 0 ? a / b : null)

/** The period's median first response (the lower median) from the rollup's histogram of rounded seconds (`first_response_h`); null with none. */
export function medianResponse(f: Figures): null | number {
  const rows = [...(f.totals.get('first_response_h') ?? [])].map(([seconds, n]) => ({ seconds: Number(seconds), n })).sort((a, b) => a.seconds - b.seconds)
  const total = rows.reduce((s, r) => s + r.n, 0)
  let seen = 0
  for (const r of rows) if ((seen += r.n) >= total / 2 && r.n > 0) return r.seconds
  return null
}
const both = (read: Read, f: (figures: Figures) => null | number) => ({ value: f(read.current), previous: f(read.previous) })

/** A list's URL filtered to the period (and more conditions), as the admin's list view reads `where`. */
function listHref(l: SummaryLinks, collection: string, field = 'createdAt', extra: Record<string, string> = {}): string {
  const conditions: [string, string, string][] = [[field, 'greater_than_equal', l.from], [field, 'less_than', l.to], ...Object.entries(extra).map(([k, v]) => [k, 'equals', v] as [string, string, string])]
  const query = conditions.map(([f, op, v], i) => `where[and][${i}][${f}][${op}]=${encodeURIComponent(v)}`).join('&')
  return `${l.admin}/collections/${collection}?${query}`
}

function breakdown(read: Read, key: string, label: string, metric: string): Breakdown {
  const dims = new Set([...(read.current.totals.get(metric)?.keys() ?? []), ...(read.previous.totals.get(metric)?.keys() ?? [])])
  const rows = [...dims].map((dimension) => ({ dimension, value: sumOf(read.current, metric, dimension), previous: sumOf(read.previous, metric, dimension) }))
  return { key, label, rows: rows.sort((a, b) => b.value - a.value || a.dimension.localeCompare(b.dimension)) }
}

const kept = (f: Figures) => sumOf(f, 'orders') - sumOf(f, 'orders_status', 'cancelled') - sumOf(f, 'orders_status', 'returned')

function sales(read: Read, l: SummaryLinks): SectionBody {
  return {
    tiles: [
      { key: 'orders', label: 'Orders', format: 'count', ...both(read, (f) => sumOf(f, 'orders')), href: listHref(l, 'orders') },
      { key: 'revenue', label: 'Revenue', format: 'money', ...both(read, (f) => sumOf(f, 'revenue')), href: listHref(l, 'orders') },
      { key: 'averageOrder', label: 'Average order', format: 'money', ...both(read, (f) => ratio(sumOf(f, 'revenue'), kept(f))) },
      {
        key: 'cancelledShare',
        label: 'Cancelled or returned',
        format: 'percent',
        ...both(read, (f) => ratio(sumOf(f, 'orders_status', 'cancelled') + sumOf(f, 'orders_status', 'returned'), sumOf(f, 'orders'))),
        href: listHref(l, 'orders', 'createdAt', { status: 'cancelled' }),
      },
    ],
    breakdowns: [breakdown(read, 'bySource', 'Orders by source', 'orders'), breakdown(read, 'revenueBySource', 'Revenue by source', 'revenue'), breakdown(read, 'byStatus', 'Orders by status', 'orders_status')],
    series: [
      { key: 'orders', label: 'Orders', metric: 'orders' },
      { key: 'revenue', label: 'Revenue', metric: 'revenue' },
    ],
  }
}

function conversations(read: Read, l: SummaryLinks): SectionBody {
  return {
    tiles: [
      { key: 'conversations', label: 'New conversations', format: 'count', ...both(read, (f) => sumOf(f, 'conversations')), href: listHref(l, 'conversations') },
      { key: 'messagesIn', label: 'Messages in', format: 'count', ...both(read, (f) => sumOf(f, 'messages', 'inbound')), href: listHref(l, 'messages', 'createdAt', { direction: 'inbound' }) },
      { key: 'messagesOut', label: 'Messages out', format: 'count', ...both(read, (f) => sumOf(f, 'messages', 'outbound')), href: listHref(l, 'messages', 'createdAt', { direction: 'outbound' }) },
      { key: 'medianResponse', label: 'Median first response', format: 'seconds', ...both(read, medianResponse) },
      { key: 'firstResponse', label: 'Average first response', format: 'seconds', ...both(read, (f) => ratio(sumOf(f, 'first_response_s'), sumOf(f, 'first_response_n'))) },
      { key: 'becameOrders', label: 'Became orders', format: 'percent', ...both(read, (f) => ratio(sumOf(f, 'conversations_ordered'), sumOf(f, 'conversations'))) },
    ],
    breakdowns: [breakdown(read, 'byChannel', 'Conversations by channel', 'conversations')],
    series: [
      { key: 'conversations', label: 'New conversations', metric: 'conversations' },
      { key: 'messages', label: 'Messages', metric: 'messages' },
    ],
  }
}

const DELIVERED = ['delivered', 'partially_delivered']
const RETURNED = ['returning', 'returned']

function delivery(read: Read, l: SummaryLinks): SectionBody {
  const share = (statuses: string[]) => (f: Figures) =>
    ratio(
      statuses.reduce((s, d) => s + sumOf(f, 'shipments', d), 0),
      sumOf(f, 'shipments'),
    )
  return {
    tiles: [
      { key: 'shipments', label: 'Parcels booked', format: 'count', ...both(read, (f) => sumOf(f, 'shipments')), href: listHref(l, 'shipments') },
      { key: 'deliveredShare', label: 'Delivered', format: 'percent', ...both(read, share(DELIVERED)), href: listHref(l, 'shipments', 'createdAt', { status: 'delivered' }) },
      { key: 'returnedShare', label: 'Returned', format: 'percent', ...both(read, share(RETURNED)), href: listHref(l, 'shipments', 'createdAt', { status: 'returned' }) },
      { key: 'codExpected', label: 'COD expected', format: 'money', ...both(read, (f) => sumOf(f, 'cod_expected')) },
      { key: 'codCollected', label: 'COD collected', format: 'money', ...both(read, (f) => sumOf(f, 'cod_collected')) },
      { key: 'codSettled', label: 'COD settled', format: 'money', ...both(read, (f) => sumOf(f, 'cod_settled')) },
      { key: 'codOutstanding', label: 'COD outstanding (all time)', format: 'money', value: read.outstandingCod, previous: null },
    ],
    breakdowns: [breakdown(read, 'byStatus', 'Parcels by status', 'shipments')],
    series: [{ key: 'shipments', label: 'Parcels booked', metric: 'shipments' }],
  }
}

function leads(read: Read, l: SummaryLinks): SectionBody {
  return {
    tiles: [
      { key: 'leads', label: 'New leads', format: 'count', ...both(read, (f) => sumOf(f, 'leads')), href: listHref(l, 'leads') },
      { key: 'converted', label: 'Converted', format: 'count', ...both(read, (f) => sumOf(f, 'leads_converted')), href: listHref(l, 'leads', 'createdAt', { status: 'converted' }) },
      { key: 'conversion', label: 'Conversion', format: 'percent', ...both(read, (f) => ratio(sumOf(f, 'leads_converted'), sumOf(f, 'leads'))) },
    ],
    breakdowns: [breakdown(read, 'bySource', 'Leads by source', 'leads')],
    series: [{ key: 'leads', label: 'New leads', metric: 'leads' }],
  }
}

function products(read: Read, l: SummaryLinks, extra: ProductsExtra): SectionBody {
  return {
    tiles: [
      { key: 'unitsSold', label: 'Units sold', format: 'count', ...both(read, (f) => sumOf(f, 'product_units')) },
      {
        key: 'lowStock',
        label: `Low on stock (≤ ${extra.lowStock.at})`,
        format: 'count',
        value: extra.lowStock.count,
        previous: null,
        href: `${l.admin}/collections/products?where[stock][less_than_equal]=${extra.lowStock.at}`,
      },
    ],
    breakdowns: [],
    series: [{ key: 'units', label: 'Units sold', metric: 'product_units' }],
  }
}

/** The product ids with the most revenue in the period (ties: units), at most `n`. */
export function topProductIds(read: Read, n: number): { id: string; units: number; revenue: number }[] {
  const revenue = read.current.totals.get('product_revenue') ?? new Map<string, number>()
  const units = read.current.totals.get('product_units') ?? new Map<string, number>()
  return [...new Set([...revenue.keys(), ...units.keys()])]
    .map((id) => ({ id, units: units.get(id) ?? 0, revenue: revenue.get(id) ?? 0 }))
    .sort((a, b) => b.revenue - a.revenue || b.units - a.units || a.id.localeCompare(b.id))
    .slice(0, n)
}

/** The sections' tiles, breakdowns and chart series, for the sections the caller sees. */
export function buildSection(section: Section, read: Read, links: SummaryLinks, extra: ProductsExtra): SectionBody {
  if (section === 'sales') return sales(read, links)
  if (section === 'conversations') return conversations(read, links)
  if (section === 'delivery') return delivery(read, links)
  if (section === 'leads') return leads(read, links)
  return products(read, links, extra)
}
