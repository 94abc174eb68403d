import type { Platform } from '../summary/platform'

const HEADLINE: { metric: string; label: string; money?: boolean }[] = [
  { metric: 'orders', label: 'Orders' },
  { metric: 'revenue', label: 'Revenue (minor units, all currencies)' },
  { metric: 'conversations', label: 'New conversations' },
  { metric: 'leads', label: 'New leads' },
  { metric: 'shipments', label: 'Parcels booked' },
]

const sum = (rows: Platform['totals'], metric: string) => rows.filter((r) => r.metric === metric).reduce((s, r) => s + r.value, 0)
const shops = (rows: Platform['totals'], metric: string) => Math.max(0, ...rows.filter((r) => r.metric === metric).map((r) => r.tenants))

/** The super-admin's aggregates across every shop, above Payload's stock dashboard (aggregates only). */
export function PlatformPanel({ platform }: { platform: Platform }) {
  const n = new Intl.NumberFormat('en')
  return (
    <section aria-label="The platform" className="dashboards-home dashboards-home--platform">
      <header className="dashboards-home__header">
        <h2>The platform, last 7 days</h2>
        <p className="dashboards-home__meta">
          {platform.period.from} – {platform.period.to} · compared with {platform.previous.from} – {platform.previous.to}
        </p>
      </header>
      <ul className="dashboards-tiles">
        {HEADLINE.map((h) => (
          <li className="dashboards-tile" data-tile={h.metric} key={h.metric}>
            <span className="dashboards-tile__label">{h.label}</span>
            <span className="dashboards-tile__value">{n.format(sum(platform.totals, h.metric))}</span>
            <span className="dashboards-tile__previous">
              vs {n.format(sum(platform.previousTotals, h.metric))} · {shops(platform.totals, h.metric)} shops
            </span>
          </li>
        ))}
      </ul>
      <table className="dashboards-table">
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
    </section>
  )
}
