import type { Platform } from '../summary/platform'
import { PeriodPicker } from './PeriodPicker'
import { PlatformShops } from './PlatformShops'

const MONEY = new Set(['revenue'])
const HEADLINE: { metric: string; label: string }[] = [
  { metric: 'orders', label: 'Orders' },
  { metric: 'revenue', label: 'Revenue' },
  { metric: 'conversations', label: 'New conversations' },
  { metric: 'leads', label: 'New leads' },
  { metric: 'shipments', label: 'Parcels booked' },
]

type Money = (minor: number, currency: string) => string

/** A metric's sum over every shop: one figure, or one per currency for money. */
function sums(rows: Platform['totals'], metric: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of rows) if (r.metric === metric) out.set(r.currency, (out.get(r.currency) ?? 0) + r.value)
  return out
}
const shops = (rows: Platform['totals'], metric: string) => Math.max(0, ...rows.filter((r) => r.metric === metric).map((r) => r.tenants))

function Headline({ platform, money }: { platform: Platform; money: Money }) {
  const n = new Intl.NumberFormat('en')
  const text = (values: Map<string, number>, metric: string) => {
    if (values.size === 0) return MONEY.has(metric) ? '—' : '0'
    return [...values].map(([currency, v]) => (MONEY.has(metric) ? money(v, currency) : n.format(v))).join(' · ')
  }
  return (
    <ul className="dashboards-tiles">
      {HEADLINE.map((h) => (
        <li className="dashboards-tile" data-tile={h.metric} key={h.metric}>
          <span className="dashboards-tile__label">{h.label}</span>
          <span className="dashboards-tile__value">{text(sums(platform.totals, h.metric), h.metric)}</span>
          <span className="dashboards-tile__previous">
            vs {text(sums(platform.previousTotals, h.metric), h.metric)} · {shops(platform.totals, h.metric)} shops
          </span>
        </li>
      ))}
      {platform.mrr && (
        <li className="dashboards-tile" data-tile="mrr" key="mrr">
          <a className="dashboards-tile__link" href={platform.links.billing ?? undefined}>
            <span className="dashboards-tile__label">MRR</span>
            <span className="dashboards-tile__value">{platform.mrr.length === 0 ? '—' : platform.mrr.map((m) => money(m.mrr, m.currency)).join(' · ')}</span>
            <span className="dashboards-tile__previous">{platform.mrr.reduce((s, m) => s + m.subscriptions, 0)} paying subscriptions</span>
          </a>
        </li>
      )}
    </ul>
  )
}

function Weeks({ weeks }: { weeks: Platform['weeks'] }) {
  return (
    <table className="dashboards-table" data-table="weeks">
      <caption>Signups and trial conversions per week (UTC, week starting)</caption>
      <thead>
        <tr>
          <th scope="col">Week</th>
          <th scope="col">Signups</th>
          <th scope="col">Trials converted</th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.week}>
            <th scope="row">{w.week}</th>
            <td>{w.signups}</td>
            <td>{w.conversions}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The super-admin's aggregates across every shop, above Payload's stock dashboard (aggregates only). */
export function PlatformPanel({ platform, money, admin, error }: { platform: Platform; money: Money; admin: string; error?: string }) {
  return (
    <section aria-label="The platform" className="dashboards-home dashboards-home--platform">
      <header className="dashboards-home__header">
        <h2>The platform</h2>
        <p className="dashboards-home__meta">
          {platform.period.from} – {platform.period.to} · compared with {platform.previous.from} – {platform.previous.to} · <a href={platform.links.usage}>Usage against limits, every shop</a>
        </p>
      </header>
      <PeriodPicker base={admin} period={platform.period} />
      {error && <p className="dashboards-home__error">{error}</p>}
      <Headline money={money} platform={platform} />
      <div className="dashboards-breakdowns">
        <table className="dashboards-table" data-table="tenants">
          <caption>Shops by status and plan</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Plan</th>
              <th scope="col">Shops</th>
            </tr>
          </thead>
          <tbody>
            {platform.tenants.map((t) => (
              <tr key={`${t.status}|${t.plan}`}>
                <th scope="row">{t.status}</th>
                <td>{t.plan || 'No plan'}</td>
                <td>{t.tenants}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Weeks weeks={platform.weeks} />
      </div>
      <PlatformShops platform={platform} />
    </section>
  )
}
