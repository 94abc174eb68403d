import type { Section } from '../permissions'
import { MONEY_BREAKDOWNS, MONEY_METRICS, SECTION_TITLES } from '../reports/tables'
import type { Summary, SummarySection } from '../summary/load'
import type { Format } from '../summary/sections'
import { DailyChart, type DailySeries } from './DailyChart'
import { deltaOf, formatValue } from './format'
import { PeriodPicker } from './PeriodPicker'

type Money = (minor: number) => string

function Tiles({ section, money }: { section: SummarySection; money: Money }) {
  return (
    <ul className="dashboards-tiles">
      {section.tiles.map((t) => {
        const delta = deltaOf(t.value, t.previous)
        const body = (
          <>
            <span className="dashboards-tile__label">{t.label}</span>
            <span className="dashboards-tile__value">{formatValue(t.value, t.format, money)}</span>
            {delta && (
              <span className={`dashboards-tile__delta dashboards-tile__delta--${delta.direction}`} title={`Previous period: ${formatValue(t.previous, t.format, money)}`}>
                {delta.text} <span className="dashboards-tile__previous">vs {formatValue(t.previous, t.format, money)}</span>
              </span>
            )}
          </>
        )
        return (
          <li className="dashboards-tile" data-tile={t.key} key={t.key}>
            {t.href ? (
              <a className="dashboards-tile__link" href={t.href}>
                {body}
              </a>
            ) : (
              body
            )}
          </li>
        )
      })}
    </ul>
  )
}

function Breakdowns({ section, money }: { section: SummarySection; money: Money }) {
  const shown = section.breakdowns.filter((b) => b.rows.length > 0)
  if (shown.length === 0) return null
  return (
    <div className="dashboards-breakdowns">
      {shown.map((b) => {
        const format: Format = MONEY_BREAKDOWNS.has(b.key) ? 'money' : 'count'
        return (
          <table className="dashboards-table" key={b.key}>
            <caption>{b.label}</caption>
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">This period</th>
                <th scope="col">Previous</th>
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r) => (
                <tr key={r.dimension}>
                  <th scope="row">{r.dimension || '—'}</th>
                  <td>{formatValue(r.value, format, money)}</td>
                  <td>{formatValue(r.previous, format, money)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      })}
    </div>
  )
}

function ProductLists({ summary, money, admin }: { summary: Summary; money: Money; admin: string }) {
  const products = summary.products
  if (!products) return null
  return (
    <div className="dashboards-breakdowns">
      <table className="dashboards-table">
        <caption>Top products</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Units</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {products.top.length === 0 ? (
            <tr>
              <td colSpan={3}>Nothing sold in this period yet.</td>
            </tr>
          ) : (
            products.top.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={`${admin}/collections/products/${p.id}`}>{p.name}</a>
                </th>
                <td>{p.units}</td>
                <td>{money(p.revenue)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <table className="dashboards-table">
        <caption>Low on stock (≤ {products.lowStock.at})</caption>
        <tbody>
          {products.lowStock.rows.length === 0 ? (
            <tr>
              <td>No product is low on stock.</td>
            </tr>
          ) : (
            products.lowStock.rows.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={`${admin}/collections/products/${p.id}`}>{p.name}</a>
                </th>
                <td>{p.stock}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}

/** The shop's home: the period's KPIs against the previous period, a section per area the caller's role sees. */
export function ShopHome({ summary, money, moneyAxis, admin, error }: { summary: Summary; money: Money; moneyAxis: NonNullable<DailySeries['money']>; admin: string; error?: string }) {
  const sections = Object.entries(summary.sections) as [Section, SummarySection][]
  return (
    <section className="dashboards-home" aria-label="How the shop is doing">
      <header className="dashboards-home__header">
        <h2>How the shop is doing</h2>
        <p className="dashboards-home__meta">
          {summary.period.from === summary.period.to ? summary.period.from : `${summary.period.from} – ${summary.period.to}`} · compared with {summary.previous.from} – {summary.previous.to} · {summary.timezone}
        </p>
      </header>
      <PeriodPicker base={admin} period={summary.period} />
      {error && <p className="dashboards-home__error">{error}</p>}
      {summary.rolledUp.days < summary.rolledUp.of && <p className="dashboards-home__note">Some days of this period are still being counted; the figures fill in within minutes.</p>}
      {sections.length === 0 && <p className="dashboards-home__empty">Your role has no figures to show here.</p>}
      {sections.map(([key, section]) => (
        <section className="dashboards-section" data-section={key} key={key}>
          <h3>{SECTION_TITLES[key]}</h3>
          <Tiles money={money} section={section} />
          <div className="dashboards-charts">
            {section.series.map((s) => (
              <DailyChart
                key={s.key}
                series={{
                  key: `${key}-${s.key}`,
                  label: s.label,
                  points: s.points.map((p) => ({ ...p, display: MONEY_METRICS.has(s.metric) ? money(p.value) : String(p.value) })),
                  ...(MONEY_METRICS.has(s.metric) ? { money: moneyAxis } : {}),
                }}
              />
            ))}
          </div>
          <Breakdowns money={money} section={section} />
          {key === 'products' && <ProductLists admin={admin} money={money} summary={summary} />}
        </section>
      ))}
    </section>
  )
}
