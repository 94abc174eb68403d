import type { Access, CollectionConfig, PayloadRequest } from 'payload'

import type { ResolvedImpersonationOptions } from './options'
import { impersonationOf } from './session'

export const GRANTS = 'impersonation-grants'

/** The id of a relationship value, populated or not. */
export const idOf = (value: unknown): string => String(value && typeof value === 'object' ? (value as { id: unknown }).id : value)

export const GRANT_STATUSES = ['requested', 'approved', 'denied', 'active', 'ended', 'expired'] as const
export type GrantStatus = (typeof GRANT_STATUSES)[number]

/** Why the break-glass rule applied: the shop is suspended, or abandoned (no tenant-admin who can sign in). */
export const BREAK_GLASS_BASES = ['suspended', 'abandoned'] as const

export type Grant = {
  id: string
  tenant: string
  targetUser: string
  requester: string
  reason: string
  status: GrantStatus
  readOnly: boolean
  minutes: number
  breakGlass?: boolean | null
  breakGlassBasis?: null | (typeof BREAK_GLASS_BASES)[number]
  expiresAt: string
  decidedBy?: null | string
  decidedAt?: null | string
  startedAt?: null | string
  endedAt?: null | string
  tokenHash?: null | string
}

/**
 * Who reads grants: the super-admin all; a shop's tenant-admins those of their shop (to approve
 * or deny); nobody inside an impersonation session; nobody else. Nobody writes them through the
 * collection's API: the endpoints (endpoints/*.ts) do, after their checks.
 */
const readGrants =
  (options: ResolvedImpersonationOptions): Access =>
  async ({ req }: { req: PayloadRequest }) => {
    if (!req.user || impersonationOf(req.user)) return false
    if (options.access.isSuperAdmin(req.user)) return true
    const tenants = await options.tenancy.tenantsWhere(req, ['tenant-admin'])
    if (tenants === 'all') return true
    return tenants.length ? { tenant: { in: tenants } } : false
  }

const nobody: Access = () => false

/** The impersonation grants (one per request to see a shop as one of its users); tenant-owned, under row-level security. */
export function grantsCollection(options: ResolvedImpersonationOptions): CollectionConfig {
  const users = options.usersSlug as 'users'
  return {
    slug: GRANTS,
    labels: { singular: 'Impersonation grant', plural: 'Impersonation grants' },
    admin: {
      group: 'Platform',
      useAsTitle: 'reason',
      defaultColumns: ['createdAt', 'status', 'targetUser', 'requester', 'expiresAt', 'tenant'],
      description: 'Requests of the platform to see the shop as one of its users. A tenant-admin approves or denies them (POST /api/impersonation/<id>/approve | deny).',
      components: { edit: { beforeDocumentControls: ['/plugins/impersonation/admin/GrantActions#GrantActions'] } },
    },
    defaultSort: '-createdAt',
    access: { read: readGrants(options), create: nobody, update: nobody, delete: nobody },
    indexes: [{ fields: ['tenant', 'status'] }],
    fields: [
      { name: 'tenant', type: 'relationship', relationTo: 'tenants', required: true, index: true },
      { name: 'targetUser', type: 'relationship', relationTo: users, required: true, label: 'Seen as' },
      { name: 'requester', type: 'relationship', relationTo: users, required: true, label: 'Requested by' },
      { name: 'reason', type: 'textarea', required: true },
      { name: 'status', type: 'select', required: true, defaultValue: 'requested', index: true, options: [...GRANT_STATUSES] },
      { name: 'readOnly', type: 'checkbox', defaultValue: true, admin: { description: 'Writes are refused during the session (403 impersonation_read_only).' } },
      { name: 'minutes', type: 'number', required: true, min: 1, admin: { description: 'How long the session lasts once started.' } },
      { name: 'breakGlass', type: 'checkbox', defaultValue: false },
      { name: 'breakGlassBasis', type: 'select', options: [...BREAK_GLASS_BASES] },
      { name: 'expiresAt', type: 'date', required: true, admin: { description: 'Requested/approved: start by then. Active: the session ends then.', date: { pickerAppearance: 'dayAndTime' } } },
      { name: 'decidedBy', type: 'relationship', relationTo: users },
      { name: 'decidedAt', type: 'date' },
      { name: 'startedAt', type: 'date' },
      { name: 'endedAt', type: 'date' },
      // sha-256 of the session's secret; the cookie holds the secret, the database only this.
      // Hidden and unreadable (nor queryable) by anyone through the API; the strategy reads it with overrideAccess.
      { name: 'tokenHash', type: 'text', hidden: true, index: true, access: { read: () => false, create: () => false, update: () => false } },
    ],
  }
}

/** A grant as the endpoints answer it (ids, no token hash). */
export const publicGrant = (g: Grant) => ({
  id: g.id,
  tenant: g.tenant,
  targetUser: g.targetUser,
  requester: g.requester,
  reason: g.reason,
  status: effectiveStatus(g),
  readOnly: g.readOnly,
  minutes: g.minutes,
  breakGlass: Boolean(g.breakGlass),
  breakGlassBasis: g.breakGlassBasis ?? null,
  expiresAt: g.expiresAt,
  startedAt: g.startedAt ?? null,
  endedAt: g.endedAt ?? null,
})

/** The status as of `now`: a grant past its `expiresAt` is expired whatever the row still says. */
export function effectiveStatus(g: Pick<Grant, 'status' | 'expiresAt'>, now = Date.now()): GrantStatus {
  if ((g.status === 'requested' || g.status === 'approved' || g.status === 'active') && new Date(g.expiresAt).getTime() <= now) return 'expired'
  return g.status
}
