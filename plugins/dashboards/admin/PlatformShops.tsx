import type { Platform, ShopLine } from '../summary/platform'

type Column<T> = { key: keyof T & string; label: string }

/** A list of shops with a few counts each, the shop's name opening its own home. */
function ShopTable<T extends object>({ caption, empty, rows, columns, name }: { caption: string; empty: string; rows: ShopLine<T>[]; columns: Column<T>[]; name: string }) {
  return (
    <table className="dashboards-table" data-table={name}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Shop</th>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
          <th scope="col">Limits</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length + 2}>{empty}</td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr data-tenant={r.tenant.id} key={r.tenant.id}>
              <th scope="row">
                <a href={r.home}>{r.tenant.name}</a>
                {r.tenant.status !== 'active' && <span className="dashboards-home__meta"> ({r.tenant.status})</span>}
              </th>
              {columns.map((c) => (
                <td key={c.key}>{String(r[c.key] ?? 0)}</td>
              ))}
              <td>
                <a href={r.usage}>Usage</a>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  )
}

/** The busiest and the failing shops of the period, each linking into that shop's own home. */
export function PlatformShops({ platform }: { platform: Platform }) {
  return (
    <div className="dashboards-breakdowns">
      <ShopTable
        caption="Busiest shops (orders and messages)"
        columns={[
          { key: 'orders', label: 'Orders' },
          { key: 'messages', label: 'Messages' },
        ]}
        empty="No shop had orders or messages in this period."
        name="busiest"
        rows={platform.busiest}
      />
      <ShopTable
        caption="Shops with failures"
        columns={[
          { key: 'webhookFailures', label: 'Webhook failures' },
          { key: 'jobFailures', label: 'Failed jobs' },
          { key: 'limitsReached', label: 'Limits reached' },
          { key: 'rateLimited', label: 'Rate-limited' },
        ]}
        empty="No shop had a failure in this period."
        name="failing"
        rows={platform.failing}
      />
    </div>
  )
}
