import type { AdminViewServerProps } from 'payload'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { rolesAllowed } from '../../../access/permissions'
import { AdminViewShell, requireAdminUser } from '../../admin/AdminViewShell'
import { tenantIdsWithRole } from '../../tenancy/memberships'
import { COLUMNS, IMPORTABLE } from '../columns'
import { IMPORT_LIMITS } from '../endpoint'
import { ImportForm } from './ImportForm'
import './import-view.scss'

/**
 * The admin's Import view (`/admin/import`): pick a collection and a CSV file, check it (dry
 * run) or import it into the shop selected in the admin. Custom admin views are public in
 * Payload, so this one checks the user itself; the endpoint checks the role in that shop.
 */
export function ImportView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const user = requireAdminUser({ initPageResult, params, searchParams }, '/import')
  const collections = IMPORTABLE.filter((slug) => isSuperAdmin(user) || tenantIdsWithRole(user, rolesAllowed(slug, 'create')).length > 0)

  return (
    <AdminViewShell initPageResult={initPageResult} params={params} searchParams={searchParams} viewType="import" label="Import" className="import-view">
      <h1>Import from CSV</h1>
      {collections.length === 0 ? (
        <p role="alert">Your role cannot create products, customers or leads in any shop, so there is nothing to import.</p>
      ) : (
        <>
          <p>
            Rows go into the shop selected in the admin. Check the file first: nothing is imported while any row has a problem, unless you choose to skip bad rows. Plan limits apply. At most{' '}
            {IMPORT_LIMITS.maxRows} rows and {IMPORT_LIMITS.maxBytes / 1024 / 1024} MB per file.
          </p>
          <details className="import-view__columns">
            <summary>Columns</summary>
            <ul>
              {collections.map((slug) => (
                <li key={slug}>
                  <strong>{slug}</strong>:{' '}
                  {Object.entries(COLUMNS[slug])
                    .map(([name, column]) => (column.required ? `${name} (required)` : name))
                    .join(', ')}
                  {slug === 'products' && ' — prices in major units, e.g. 450.00'}
                </li>
              ))}
            </ul>
          </details>
          <ImportForm collections={collections} />
        </>
      )}
    </AdminViewShell>
  )
}
