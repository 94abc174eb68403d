import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { discardPendingQuotaAlerts } from '../../plugins/quotas'
import { recordAudit } from '../audit/record'
import { runSql } from '../db/run-sql'
import { withTransaction } from '../db/transaction'
import { classify } from '../errors/classify'
import { runWithTenant } from '../tenancy/request-context'
import { columnOfPath, type ImportCollection, type RowProblem } from './columns'
import type { ParsedFile, ParsedRow } from './parse'
import { inSavepoint, UndoRow } from '../db/savepoint'

export type ImportReport = {
  collection: ImportCollection
  dryRun: boolean
  skipBadRows: boolean
  /** Data rows in the file. */
  total: number
  /** Rows that pass every check: what an import writes (all of them, or with skipBadRows). */
  valid: number
  /** Rows written (0 for a dry run, or when a row failed and bad rows are not skipped). */
  imported: number
  /** Bad rows left out of a real import with skipBadRows. */
  skipped: number
  errors: RowProblem[]
  warnings: RowProblem[]
}

/** Thrown to roll the import's transaction back on purpose: a dry run, or a bad row not skipped. */
class RollBack extends Error {}

type Options = { collection: ImportCollection; tenantId: string; file: ParsedFile; dryRun: boolean; skipBadRows: boolean }

/** A refused create as row problems: field errors name their column, the rest the whole row. */
function problemsOf(error: unknown, parsed: ParsedRow, collection: ImportCollection, file: ParsedFile): RowProblem[] {
  const { row } = parsed
  const { status, body } = classify(error)
  if (status >= 500) throw error
  const codeOf = (code: string | undefined): RowProblem['code'] => (code === 'duplicate' ? 'duplicate' : code === 'quota_exceeded' ? 'quota_exceeded' : status === 403 ? 'forbidden' : 'invalid')
  if (body.errors.length === 0) return [{ row, column: null, reason: body.message, code: codeOf(body.error) }]
  return body.errors
    .map((e): RowProblem => ({ row, column: columnOfPath(collection, e.path, file.headerOf), reason: e.message, code: codeOf(e.code ?? body.error) }))
    .filter((p) => p.column === null || !parsed.reported.has(p.column))
}

/**
 * Create every row of the file with the Local API as the caller (`overrideAccess: false`), in
 * the target tenant only (runWithTenant: row-level security holds every statement to it), in
 * one transaction with a savepoint per row. So each row goes through all of Payload's
 * validation, the collection hooks (per-tenant uniqueness against existing rows and the rows
 * above it), access and the quota hooks (a row over the plan is refused), and an import writes
 * all rows or none: the transaction commits only for a real import where no row failed, or
 * where bad rows are skipped; otherwise it is rolled back, audit entries and usage included.
 */
export async function runImport(req: PayloadRequest, options: Options): Promise<ImportReport> {
  const { collection, tenantId, file, dryRun, skipBadRows } = options
  const report: ImportReport = {
    collection,
    dryRun,
    skipBadRows,
    total: file.rows.length,
    valid: 0,
    imported: 0,
    skipped: 0,
    errors: [...file.fileErrors],
    warnings: file.warnings,
  }
  if (file.fileErrors.length > 0) return report // a missing column fails every row: check nothing

  const user = req.user ?? undefined
  const tenancy = { tenantId, via: 'user' as const, ...(user ? { userId: String(user.id) } : {}) }
  return runWithTenant(tenancy, async () => {
    if (req.transactionID) throw new Error('runImport() opens its own transaction.')
    try {
      return await withTransaction(req, async () => {
        // Sets the transaction's tenant context once, outside any savepoint.
        await runSql(req, sql`select 1`)
        const bad = await createRows(req, options, report)
        const write = !dryRun && report.valid > 0 && (bad.size === 0 || skipBadRows)
        if (!write) throw new RollBack()
        report.imported = report.valid
        report.skipped = bad.size
        await recordAudit(req, [{ tenant: tenantId, action: 'create', collection, summary: `import ${collection}: ${report.imported} rows (${report.skipped} skipped)` }])
        return report
      })
    } catch (error) {
      if (error instanceof RollBack) return report
      throw error
    }
  })
}

/**
 * Create each row in a savepoint of `req`'s transaction (a refused row is undone alone), filling
 * `report`'s errors and valid count; the rows that failed.
 */
async function createRows(req: PayloadRequest, options: Options, report: ImportReport): Promise<Set<number>> {
  const { collection, tenantId, file } = options
  const user = req.user ?? undefined
  const bad = new Set<number>()
  for (const parsed of file.rows) {
    if (parsed.problems.some((p) => p.code === 'duplicate' || p.code === 'forbidden')) {
      report.errors.push(...parsed.problems)
      bad.add(parsed.row)
      continue
    }
    const problems = [...parsed.problems]
    try {
      await inSavepoint(req, async () => {
        await req.payload.create({
          collection,
          data: { ...parsed.data, tenant: tenantId } as never,
          depth: 0,
          overrideAccess: false,
          user,
          req,
        })
        // A cell that could not be read: the rest of the row was checked, none of it stays.
        if (problems.length > 0) throw new UndoRow()
      })
    } catch (error) {
      if (!(error instanceof UndoRow)) problems.push(...problemsOf(error, parsed, collection, file))
      // Nothing of the undone row may linger for the next one (quota alerts pending).
      discardPendingQuotaAlerts(req)
    }
    if (problems.length > 0) {
      report.errors.push(...problems)
      bad.add(parsed.row)
    } else report.valid++
  }
  return bad
}
