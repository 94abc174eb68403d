'use client'

import { Button } from '@payloadcms/ui'
import { useState } from 'react'

import { failureMessage } from '../../admin/rest-client'
import { useRestClient } from '../../admin/use-rest-client'

type Problem = { row: number; column: null | string; reason: string; code: string }
type Report = { dryRun: boolean; total: number; valid: number; imported: number; skipped: number; errors: Problem[]; warnings: Problem[]; tenant?: { name: string } }

const LABELS: Record<string, string> = { products: 'Products', customers: 'Customers', leads: 'Leads' }

function summary(report: Report): string {
  const bad = report.total - report.valid
  if (report.dryRun) return `Checked ${report.total} rows: ${report.valid} can be imported, ${bad} have problems. Nothing was imported.`
  if (report.imported > 0) return `Imported ${report.imported} of ${report.total} rows${report.skipped ? `; ${report.skipped} bad rows skipped` : ''}.`
  return `Nothing was imported: ${bad} of ${report.total} rows have problems. Fix them, or tick "Skip bad rows".`
}

function ProblemTable({ caption, problems }: { caption: string; problems: Problem[] }) {
  if (problems.length === 0) return null
  return (
    <table className="import-view__table" data-testid="import-problems">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Column</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            <td>{p.row}</td>
            <td>{p.column ?? '(whole row)'}</td>
            <td>{p.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * The import form of `/admin/import`: POSTs the chosen file to /api/imports/:collection for the
 * shop selected in the admin, as a dry run ("Check") or for real ("Import"), and shows the report.
 */
export function ImportForm({ collections }: { collections: string[] }) {
  const rest = useRestClient()
  const [collection, setCollection] = useState(collections[0] ?? 'products')
  const [file, setFile] = useState<File | null>(null)
  const [skipBadRows, setSkipBadRows] = useState(false)
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<Report | null>(null)
  const [failure, setFailure] = useState<null | string>(null)

  const send = async (dryRun: boolean) => {
    if (!file) return setFailure('Choose a CSV file first.')
    setBusy(true)
    setFailure(null)
    try {
      const form = new FormData()
      form.append('file', file)
      const query = new URLSearchParams({ dryRun: String(dryRun), skipBadRows: String(skipBadRows) })
      setReport(await rest<Report>('POST', `/imports/${collection}?${query}`, form))
    } catch (error) {
      setReport(null)
      setFailure(failureMessage(error, 'The server did not answer; try again.'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="import-view__form">
      <form onSubmit={(event) => event.preventDefault()}>
        <div className="import-view__field">
          <label htmlFor="import-collection">Import into</label>
          <select id="import-collection" onChange={(e) => setCollection(e.target.value)} value={collection}>
            {collections.map((slug) => (
              <option key={slug} value={slug}>
                {LABELS[slug] ?? slug}
              </option>
            ))}
          </select>
        </div>
        <div className="import-view__field">
          <label htmlFor="import-file">CSV file (UTF-8, first row names the columns)</label>
          <input accept=".csv,text/csv" id="import-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} type="file" />
        </div>
        <div className="import-view__field">
          <input checked={skipBadRows} id="import-skip" onChange={(e) => setSkipBadRows(e.target.checked)} type="checkbox" />{' '}
          <label htmlFor="import-skip">Skip bad rows (import the good ones even when some rows have problems)</label>
        </div>
        <div className="import-view__buttons">
          <Button buttonStyle="secondary" disabled={busy || !file} onClick={() => void send(true)} size="medium">
            Check (dry run)
          </Button>
          <Button buttonStyle="primary" disabled={busy || !file} onClick={() => void send(false)} size="medium">
            Import
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="import-view__result">
        {busy && <p>Working…</p>}
        {failure && <p role="alert">{failure}</p>}
        {report && !busy && (
          <>
            <p data-testid="import-summary" role="status">
              {report.tenant ? `${report.tenant.name}: ` : ''}
              {summary(report)}
            </p>
            <ProblemTable caption="Problems" problems={report.errors} />
            <ProblemTable caption="Warnings (not blocking)" problems={report.warnings} />
          </>
        )}
      </div>
    </div>
  )
}
