import type { LimitUsage } from '../usage'
import { barLevel, formatNumber, limitLabel } from './labels'

const baseClass = 'usage-bar'

const OVERRIDE_TITLE = 'Set for this shop by the platform, instead of the plan’s limit.'

/** "3 / 10", "0 / 0 · not in plan" or "42 · unlimited". */
export function usedText(usage: Pick<LimitUsage, 'max' | 'used'>, language = 'en'): string {
  const used = formatNumber(usage.used, language)
  if (usage.max === null) return `${used} · unlimited`
  const text = `${used} / ${formatNumber(usage.max, language)}`
  return usage.max === 0 && usage.used === 0 ? `${text} · not in plan` : text
}

/** Words for the states that colour alone should not carry. */
const statusText = (usage: Pick<LimitUsage, 'max' | 'used'>, level: string): null | string =>
  level === 'warning' ? 'near the limit' : level === 'over' ? (usage.max !== null && usage.used > usage.max ? 'over the limit' : 'limit reached') : null

/** One limit: its name, "used / max", the percentage and a bar coloured by how close it is. */
export function LimitBar({ usage, language }: { usage: LimitUsage; language?: string }) {
  const label = limitLabel(usage.limit)
  const level = barLevel(usage)
  const text = usedText(usage, language)
  const status = statusText(usage, level)
  const width = usage.percent === null ? 0 : Math.min(100, Math.max(0, usage.percent))
  const bar =
    usage.max === null ? (
      <div aria-hidden="true" className={`${baseClass}__track`} />
    ) : (
      <div
        aria-label={label}
        aria-valuemax={usage.max}
        aria-valuemin={0}
        aria-valuenow={Math.min(usage.used, usage.max)}
        aria-valuetext={[text, usage.percent === null ? null : `${usage.percent} %`, status].filter(Boolean).join(', ')}
        className={`${baseClass}__track`}
        role="progressbar"
      >
        <div className={`${baseClass}__fill`} style={{ width: `${width}%` }} />
      </div>
    )
  return (
    <li className={`${baseClass} ${baseClass}--${level}`} data-level={level} data-limit={usage.limit}>
      <div className={`${baseClass}__head`}>
        <span className={`${baseClass}__label`}>
          {label}
          {usage.overridden && (
            <span className={`${baseClass}__override`} title={OVERRIDE_TITLE}>
              override
            </span>
          )}
        </span>
        <span className={`${baseClass}__value`}>
          <span className={`${baseClass}__used`}>{text}</span>
          {usage.percent !== null && level !== 'excluded' && <span className={`${baseClass}__percent`}>{usage.percent} %</span>}
        </span>
      </div>
      {bar}
      {status && <div className={`${baseClass}__status`}>{status}</div>}
    </li>
  )
}

/** A titled list of limits. */
export function LimitList({ title, hint, limits, language }: { title: string; hint?: string; limits: LimitUsage[]; language?: string }) {
  if (limits.length === 0) return null
  return (
    <section className="usage-view__section">
      <h2 className="usage-view__section-title">{title}</h2>
      {hint && <p className="usage-view__hint">{hint}</p>}
      <ul className="usage-view__bars">
        {limits.map((usage) => (
          <LimitBar key={usage.limit} language={language} usage={usage} />
        ))}
      </ul>
    </section>
  )
}
