import type { ReportTable } from '../reports/tables'
import { deltaOf, formatValue } from './format'

type Money = (minor: number) => string

/** One report table: a row per figure, day, source/status/channel or product; this period, and where compared the previous one and the change. */
function Table({ table, money }: { table: ReportTable; money: Money }) {
  const columns = table.compared ? 4 : 2
  return (
    <table className="dashboards-table dashboards-reports__table" data-table={table.key}>
      <caption>{table.title}</caption>
      <thead>
        <tr>
          <th scope="col">{table.rowHeader}</th>
          <th scope="col">This period</th>
          {table.compared && (
            <>
              <th scope="col">Previous period</th>
              <th scope="col">Change</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={columns}>Nothing in this period.</td>
          </tr>
        ) : (
          table.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              <td>{formatValue(r.value, r.format, money)}</td>
              {table.compared && (
                <>
                  <td>{formatValue(r.previous, r.format, money)}</td>
                  <td>{deltaOf(r.value, r.previous)?.text ?? '—'}</td>
                </>
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  )
}

/** The Reports' tables, grouped by section under its title. */
export function ReportTables({ tables, titles, money }: { tables: ReportTable[]; titles: Record<string, string>; money: Money }) {
  const sections = [...new Set(tables.map((t) => t.section))]
  if (sections.length === 0) return <p className="dashboards-home__empty">Your role has no figures to show here.</p>
  return (
    <>
      {sections.map((section) => (
        <section className="dashboards-section" data-section={section} key={section}>
          <h3>{titles[section]}</h3>
          <div className="dashboards-reports__tables">
            {tables
              .filter((t) => t.section === section)
              .map((t) => (
                <Table key={t.key} money={money} table={t} />
              ))}
          </div>
        </section>
      ))}
    </>
  )
}
