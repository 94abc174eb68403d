import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { PERMISSIONS } from '../../access/permissions'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export const EXPORTS = 'exports'
export const EXPORT_TASK = 'tenantExport'

/** Where finished archives are kept (`EXPORT_DIR`, default `.data/exports`); read at call time so tests can point it elsewhere. */
export const exportDir = (): string => process.env.EXPORT_DIR || path.join(root, '.data', 'exports')

/** How long an emailed download link works (`EXPORT_LINK_HOURS`, default 24). */
export function linkHours(): number {
  const hours = Number(process.env.EXPORT_LINK_HOURS ?? 24)
  return Number.isFinite(hours) && hours > 0 ? hours : 24
}

/**
 * What an export holds, in this order: every collection of the permission matrix, the plan
 * usage records, and the tenant's audit log (tenant-admins can read all of these already).
 * Not included: users (a user's memberships name other tenants), the exports themselves, jobs.
 */
export const EXPORTED_COLLECTIONS: readonly string[] = [...Object.keys(PERMISSIONS), 'usage-counters', 'quota-alerts', 'usage-snapshots', 'audit-logs']
