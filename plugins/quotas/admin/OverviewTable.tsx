import { Link } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'

import type { TenantUsage } from '../usage'
import { barLevel, limitLabel } from './labels'
import { usedText } from './LimitBars'

const baseClass = 'usage-overview'

/** The limits of a tenant worth the super-admin's attention: at or over `minPercent` (not plan exclusions). */
export const limitsToWatch = (usage: TenantUsage, minPercent: number) => usage.limits.filter((l) => l.percent !== null && l.percent >= minPercent && barLevel(l) !== 'excluded')

/**
 * The super-admin's table: every tenant at or over `minPercent` of a limit, worst first (as
 * `usageOverview` sorts them), each limit it is close to with used / max and percent.
 */
export function OverviewTable({ adminRoute, language, minPercent, planNames, tenants }: { adminRoute: string; language?: string; minPercent: number; planNames: Map<string, string>; tenants: TenantUsage[] }) {
  const rows = tenants.map((usage) => ({ usage, watch: limitsToWatch(usage, minPercent) })).filter((row) => row.watch.length > 0)
  if (rows.length === 0) {
    return <p className="usage-view__empty">No tenant is at {minPercent} % of a limit.</p>
  }
  return (
    <div className={`${baseClass}__wrap`}>
      <table className={baseClass}>
        <caption className={`${baseClass}__caption`}>Tenants at or over {minPercent} % of a limit in the current period, worst first.</caption>
        <thead>
          <tr>
            <th scope="col">Tenant</th>
            <th scope="col">Plan</th>
            <th scope="col">Limits</th>
            <th scope="col">
              <span className="usage-view__sr-only">Dashboard</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ usage, watch }) => (
            <tr data-tenant={usage.tenant.slug} key={usage.tenant.id}>
              <th scope="row">
                <Link href={formatAdminURL({ adminRoute, path: `/collections/tenants/${usage.tenant.id}` })} prefetch={false}>
                  {usage.tenant.name}
                </Link>
              </th>
              <td>{usage.plan ? (planNames.get(usage.plan) ?? usage.plan) : 'No plan'}</td>
              <td>
                <ul className={`${baseClass}__limits`}>
                  {watch.map((limit) => {
                    const level = barLevel(limit)
                    return (
                      <li className={`${baseClass}__limit usage-level--${level}`} data-level={level} data-limit={limit.limit} key={limit.limit}>
                        <span className={`${baseClass}__limit-name`}>
                          {limitLabel(limit.limit)}
                          {limit.overridden && <span className="usage-bar__override">override</span>}
                        </span>{' '}
                        <span className={`${baseClass}__limit-used`}>{usedText(limit, language)}</span> <span className={`${baseClass}__limit-percent`}>{limit.percent} %</span>
                      </li>
                    )
                  })}
                </ul>
              </td>
              <td>
                <Link href={formatAdminURL({ adminRoute, path: `/usage?tenant=${usage.tenant.id}` })} prefetch={false}>
                  View usage
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
