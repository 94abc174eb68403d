import { PERIODS } from '../period'

const PERIOD_LABELS: Record<string, string> = { today: 'Today', '7d': '7 days', '30d': '30 days', month: 'This month', custom: 'Custom' }

/** The period shown (`name`, `from`, `to`), as the summary has it. */
export type ShownPeriod = { name: string; from: string; to: string }

/**
 * The period picker of the shop's home and the Reports: links for the fixed periods, a small
 * form for a custom one (a GET of the page at `base`). `keep`: query parameters every choice
 * carries on (the Reports' `?tenant=`).
 */
export function PeriodPicker({ period, base, keep = {} }: { period: ShownPeriod; base: string; keep?: Record<string, string> }) {
  const kept = Object.entries(keep)
  const href = (p: string) => `${base}?${new URLSearchParams([['period', p], ...kept])}`
  return (
    <nav aria-label="Period" className="dashboards-periods">
      {PERIODS.filter((p) => p !== 'custom').map((p) => (
        <a aria-current={period.name === p ? 'page' : undefined} className="dashboards-periods__choice" href={href(p)} key={p}>
          {PERIOD_LABELS[p]}
        </a>
      ))}
      <form action={base} className="dashboards-periods__custom" method="get">
        <input name="period" type="hidden" value="custom" />
        {kept.map(([name, value]) => (
          <input key={name} name={name} type="hidden" value={value} />
        ))}
        <label>
          From <input defaultValue={period.from} name="from" type="date" />
        </label>
        <label>
          To <input defaultValue={period.to} name="to" type="date" />
        </label>
        <button type="submit">Show</button>
      </form>
    </nav>
  )
}
