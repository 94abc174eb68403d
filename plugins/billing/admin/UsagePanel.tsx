import { formatMoney } from './format'
import { overageTotal, usageBar } from './usage'
import type { UsageLine } from './types'

function UsageRow({ line, currency }: { line: UsageLine; currency: string }) {
  const bar = usageBar(line, currency)
  const { usedIncluded, leftIncluded, overage } = bar.segments
  return (
    <li className={`billing-usage billing-usage--${bar.level}`} data-level={bar.level} data-metric={bar.metric}>
      <div className="billing-usage__head">
        <span className="billing-usage__label">{bar.label}</span>
        <span className="billing-usage__value">{bar.usedText}</span>
      </div>
      {bar.level !== 'unlimited' && (
        <div
          aria-label={bar.label}
          aria-valuemax={Math.max(line.included ?? 0, line.used)}
          aria-valuemin={0}
          aria-valuenow={line.used}
          aria-valuetext={bar.ariaText}
          className="billing-usage__track"
          role="progressbar"
        >
          <div className="billing-usage__used" style={{ width: `${usedIncluded}%` }} title="Included, used" />
          <div className="billing-usage__left" style={{ width: `${leftIncluded}%` }} title="Included, not used yet" />
          <div className="billing-usage__over" style={{ width: `${overage}%` }} title="Billable overage" />
        </div>
      )}
      {bar.overageText && <div className={`billing-usage__overage${line.unitPrice === null ? ' billing-usage__overage--refused' : ''}`}>{bar.overageText}</div>}
    </li>
  )
}

/**
 * This period's metered usage against the plan (the summary's `usage`): per metric, a bar of the
 * included units used, those left, and the billable overage above them, with the estimate in the
 * shop's currency; "no overage: refused at the limit" when the plan sells none (`unitPrice` null).
 */
export function UsagePanel({ usage, currency }: { usage: UsageLine[]; currency: string }) {
  const total = overageTotal(usage)
  return (
    <section aria-labelledby="billing-usage-title" className="billing__panel" data-testid="billing-usage">
      <div className="billing__panel-title">
        <h2 id="billing-usage-title">Usage this period</h2>
        {total > 0 && <span className="billing__hint">Overage estimate: {formatMoney(total, currency)}, on the next invoice</span>}
      </div>
      {usage.length === 0 ? (
        <p className="billing__empty">Nothing is metered on this plan.</p>
      ) : (
        <>
          <ul aria-label="Legend" className="billing-usage__legend">
            <li className="billing-usage__key billing-usage__key--used">included, used</li>
            <li className="billing-usage__key billing-usage__key--left">included, left</li>
            <li className="billing-usage__key billing-usage__key--over">billable overage</li>
          </ul>
          <ul className="billing-usage__list">
            {usage.map((line) => (
              <UsageRow currency={currency} key={line.metric} line={line} />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
