import { sql } from '@payloadcms/db-postgres'
import { type Payload, type PayloadRequest } from 'payload'
import { extractID } from 'payload/shared'

import { type API_KEY_SCOPES, hashApiKey } from './api-key-hash'
import { runWithTenant } from './request-context'
import { runSql } from '../db/run-sql'
import { AppError } from '../errors/app-error'

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]

/** What a request learns about the key it was called with (never the hash). */
export type ResolvedApiKey = { id: string; label: string; scopes: ApiKeyScope[]; tenantId: string; requestsPerMinute: null | number }

/** `lastUsedAt` is written at most this often per key. */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000

/**
 * The key a caller presented: `X-API-Key: <key>` or `Authorization: Bearer emk_...`. Other Bearer
 * tokens are left alone — Payload also accepts its user JWTs as Bearer tokens.
 */
export function apiKeyFromHeaders(headers: Headers): null | string {
  const header = headers.get('x-api-key')?.trim()
  if (header) return header
  const auth = headers.get('authorization')?.trim()
  const bearer = auth?.match(/^Bearer\s+(emk_\S+)$/i)?.[1]
  return bearer ?? null
}

/** The key's row, or a 401 for an unknown or revoked key. Updates lastUsedAt (throttled). */
export async function authenticateApiKey(req: PayloadRequest, key: string): Promise<ResolvedApiKey> {
  // Which tenant the key belongs to is what we are finding out: the narrow SECURITY DEFINER
  // lookup by its hash (nothing else is visible before a tenant is known), then the key's row
  // in that tenant's context.
  const hash = hashApiKey(key)
  const [row] = await runSql(req, sql`select app_api_key_tenant(${hash}) as tenant`)
  const tenantId = typeof row?.tenant === 'string' ? row.tenant : null
  if (!tenantId) throw new AppError('unauthorized', 'Unknown API key.')
  return runWithTenant({ tenantId, via: 'system' }, () => lookUpApiKey(req, hash))
}

async function lookUpApiKey(req: PayloadRequest, hash: string): Promise<ResolvedApiKey> {
  const { payload } = req
  const { docs } = await payload.find({
    // Only the transaction: on the request's connection (see findTenant in resolve-tenant.ts),
    // but as a local call, so api-keys' own tenant resolution does not recurse into this one.
    req: { transactionID: req.transactionID },
    collection: 'api-keys',
    where: { keyHash: { equals: hash } },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
  })
  const doc = docs[0]
  const tenantId = doc?.tenant ? extractID(doc.tenant) : undefined
  if (!doc || !tenantId) throw new AppError('unauthorized', 'Unknown API key.')
  if (doc.revoked) throw new AppError('unauthorized', 'This API key has been revoked.')
  await touchApiKey(payload, doc.id, doc.lastUsedAt)
  return { id: doc.id, label: doc.label, scopes: doc.scopes ?? [], tenantId, requestsPerMinute: doc.requestsPerMinute || null }
}

/**
 * Record use without a write per request: skipped when the row we just read is fresh, and the
 * UPDATE is conditional, so several app instances still write at most about once a minute.
 * Runs outside the request's transaction and never fails the request.
 */
async function touchApiKey(payload: Payload, id: string, lastUsedAt: null | string | undefined): Promise<void> {
  const now = new Date()
  if (lastUsedAt && now.getTime() - Date.parse(lastUsedAt) < API_KEY_TOUCH_INTERVAL_MS) return
  const threshold = new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS)
  try {
    const db = payload.db as unknown as { drizzle: { execute: (query: ReturnType<typeof sql>) => Promise<unknown> } }
    await db.drizzle.execute(
      sql`update api_keys set last_used_at = ${now.toISOString()}
          where id = ${id} and (last_used_at is null or last_used_at < ${threshold.toISOString()})`,
    )
  } catch (err) {
    payload.logger.warn({ err, msg: `Could not record the use of API key ${id}` })
  }
}

/** 403 unless the key carries every scope (callers without a key are not limited by scopes). */
export function requireScopes(apiKey: ResolvedApiKey | undefined, scopes: readonly ApiKeyScope[]): void {
  if (!apiKey) return
  const missing = scopes.filter((scope) => !apiKey.scopes.includes(scope))
  if (missing.length > 0) {
    throw new AppError('forbidden', `This API key lacks the ${missing.join(' and ')} scope${missing.length > 1 ? 's' : ''}.`)
  }
}
