'use client'

import { Button } from '@payloadcms/ui'
import { useCallback, useEffect, useState, type ReactNode } from 'react'

import { failureMessage } from '../../admin/rest-client'
import { useRestClient } from '../../admin/use-rest-client'
import type { CheckRun } from '../runs'
import type { PlatformHealth } from '../status'

const seconds = (value: null | number) => (value === null ? '—' : value < 120 ? `${value} s` : value < 7200 ? `${Math.round(value / 60)} min` : `${Math.round(value / 3600)} h`)

const Status = ({ ok }: { ok: boolean }) => <strong style={{ color: ok ? 'var(--theme-success-500)' : 'var(--theme-error-500)' }}>{ok ? 'OK' : 'FAILING'}</strong>

function Table({ head, rows, empty }: { head: string[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <p>{empty}</p>
  return (
    <table className="table">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, i) => (
          <tr key={i}>
            {cells.map((cell, j) => (
              <td key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Run({ run, none, children }: { run: CheckRun | null; none: string; children?: ReactNode }) {
  if (!run) return <p>{none}</p>
  return (
    <>
      <p>
        <Status ok={run.status === 'ok'} /> — last run {new Date(run.finishedAt).toLocaleString()} (took {Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000))} s)
      </p>
      {children}
    </>
  )
}

/** The platform health page's content, read from GET /api/platform-health; "Refresh" reads it again. */
export function PlatformHealthPanel() {
  const call = useRestClient()
  const [health, setHealth] = useState<PlatformHealth | null>(null)
  const [error, setError] = useState<null | string>(null)
  const load = useCallback(() => {
    setError(null)
    call<PlatformHealth>('GET', '/platform-health').then(setHealth, (e: unknown) => setError(failureMessage(e, 'The platform health could not be read.')))
  }, [call])
  useEffect(load, [load])

  if (error) return <p role="alert">{error}</p>
  if (!health) return <p>Checking…</p>
  const { backstop, canary, selfcheck } = health
  const canarySummary = canary?.summary as { tenantsChecked?: number; leaks?: { tenant: string; table: string; rows: number }[] } | undefined
  const selfSummary = selfcheck?.summary as { target?: string; checks?: number; findings?: { check: string; message: string }[] } | undefined
  return (
    <div className="platform-health__panel">
      <p>
        Overall: <Status ok={health.status === 'ok'} /> (checked {new Date(health.checkedAt).toLocaleString()}){' '}
        <Button buttonStyle="secondary" size="small" onClick={load}>
          Refresh
        </Button>
      </p>

      <h2>Database backstop</h2>
      <p>
        <Status ok={backstop.status === 'ok'} /> — {backstop.tables} protected tables; owner {backstop.roles.owner ?? '?'}, request role {backstop.roles.request ?? '?'}, platform role{' '}
        {backstop.roles.platform ?? '—'}.
      </p>
      {[...backstop.roles.missing, ...backstop.requestRole].map((problem) => (
        <p key={problem} role="alert">
          {problem}
        </p>
      ))}
      <Table head={['table', 'why it fails']} rows={backstop.failing.map((t) => [t.table, t.problems.join('; ')])} empty="Every tenant-owned table has row-level security enabled, forced and its policy." />

      <h2>Isolation canary</h2>
      <Run run={canary} none="The canary has not run yet (the platformCanary job runs every 15 minutes).">
        <p>{canarySummary?.tenantsChecked ?? 0} tenant contexts checked.</p>
        <Table head={['tenant context', 'table', 'canary rows seen']} rows={(canarySummary?.leaks ?? []).map((l) => [l.tenant, l.table, l.rows])} empty="No leak: no tenant's context sees the canary's rows." />
      </Run>

      <h2>Last self-check</h2>
      <Run run={selfcheck} none="No self-check has reported yet (npm run selfcheck -- --url … with SELFCHECK_SECRET).">
        <p>
          {selfSummary?.checks ?? 0} checks against {selfSummary?.target || '?'}.
        </p>
        <Table head={['check', 'finding']} rows={(selfSummary?.findings ?? []).map((f) => [f.check, f.message])} empty="No findings." />
      </Run>

      <h2>Job queues</h2>
      <Table
        head={['task', 'waiting', 'running', 'failed', 'done (24 h)', 'oldest waiting']}
        rows={health.jobs.map((j) => [j.task, j.queued, j.running, j.failed, j.completed24h, seconds(j.oldestQueuedSeconds)])}
        empty="No jobs."
      />

      <h2>Webhook lag (Meta)</h2>
      <Table
        head={['provider', 'received (24 h)', 'processed (24 h)', 'waiting', 'failed (24 h)', 'average lag', 'max lag', 'oldest waiting']}
        rows={health.webhooks.map((w) => [w.provider, w.received24h, w.processed24h, w.pending, w.failed24h, seconds(w.avgLagSeconds), seconds(w.maxLagSeconds), seconds(w.oldestPendingSeconds)])}
        empty="No webhook events stored."
      />

      <h2>Rate-limit refusals (24 h)</h2>
      <Table head={['tenant', 'policy', 'refusals']} rows={health.rateLimitRefusals.map((r) => [r.slug ?? r.tenant ?? '(per IP / no shop)', r.policy, r.refusals])} empty="No refusals." />
    </div>
  )
}
