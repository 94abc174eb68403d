import { createHash, timingSafeEqual } from 'node:crypto'
import type { Endpoint, PayloadRequest } from 'payload'
import type { Pool } from 'pg'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { AppError } from '../errors/app-error'
import { readJsonBody } from '../http/read-json-body'
import { recordRun } from './runs'
import { platformHealth } from './status'

/** 401 for nobody signed in, 403 for anyone signed in but the super-admin (tenant staff, a fresh signup). */
export function requireSuperAdmin(req: Pick<PayloadRequest, 'user'>): void {
  if (isSuperAdmin(req.user)) return
  if (!req.user) throw new AppError('unauthorized', 'Sign in as the platform super-admin to see the platform health.')
  throw new AppError('forbidden', 'Only the platform super-admin may see the platform health.')
}

/** GET /api/platform-health — the platform health page's JSON (status.ts); super-admin only. */
export const platformHealthEndpoint: Endpoint = {
  path: '/platform-health',
  method: 'get',
  handler: async (req) => {
    requireSuperAdmin(req)
    return Response.json(await platformHealth(req.payload), { headers: { 'Cache-Control': 'no-store' } })
  },
}

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Whether `header` is `Bearer <SELFCHECK_SECRET>` (compared in constant time). */
const holdsSecret = (header: null | string, secret: string) => timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`))

const MAX_FINDINGS = 200
const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '')
const isoOr = (value: unknown, fallback: string) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : fallback)

/** The run a self-check reports, bounded: findings are `{ check, message }`, at most MAX_FINDINGS kept. */
export function parseSelfcheckReport(body: Record<string, unknown>, now = new Date().toISOString()) {
  if (!Array.isArray(body.findings)) throw new AppError('invalid_input', 'findings must be a list (empty when nothing was found).', { path: 'findings' })
  const findings = body.findings.slice(0, MAX_FINDINGS).map((f: unknown) => ({ check: text((f as { check?: unknown })?.check, 120), message: text((f as { message?: unknown })?.message, 500) }))
  const checks = typeof body.checks === 'number' && Number.isInteger(body.checks) && body.checks >= 0 ? body.checks : findings.length
  return {
    status: body.findings.length > 0 ? ('failing' as const) : ('ok' as const),
    startedAt: isoOr(body.startedAt, now),
    finishedAt: isoOr(body.finishedAt, now),
    summary: { target: text(body.target, 200), checks, findingCount: body.findings.length, findings },
  }
}

/**
 * POST /api/platform-health/selfcheck — `npm run selfcheck` reports its run (src/cli/selfcheck.ts):
 * `Authorization: Bearer <SELFCHECK_SECRET>`, body `{ target, startedAt, finishedAt, checks, findings: [{ check, message }] }`.
 * 503 `not_configured` without SELFCHECK_SECRET; 401 with a wrong one; 204 once recorded.
 */
export const selfcheckReportEndpoint: Endpoint = {
  path: '/platform-health/selfcheck',
  method: 'post',
  handler: async (req) => {
    const secret = process.env.SELFCHECK_SECRET
    if (!secret) throw new AppError('not_configured', 'Set SELFCHECK_SECRET on the server to accept self-check reports.')
    if (!holdsSecret(req.headers.get('authorization'), secret)) throw new AppError('unauthorized', 'Send the self-check secret as `Authorization: Bearer <SELFCHECK_SECRET>`.')
    const run = parseSelfcheckReport(await readJsonBody(req, { maxBytes: 64 * 1024 }))
    await recordRun((req.payload.db as unknown as { pool: Pool }).pool, 'selfcheck', run)
    return new Response(null, { status: 204 })
  },
}
