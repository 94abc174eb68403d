import { APIError, type PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import type { TenantChoice } from '../admin/TenantChoices'
import { memberships } from './memberships'
import { SELECTED_TENANT_COOKIE } from './resolve-tenant'
import { usableTenantIds } from './usable-tenants'
import { viewedTenantOf } from './viewed-tenant'

export type { TenantChoice }

/** What a one-shop admin view (Usage, Onboarding) shows. */
export type ViewTarget =
  /** The super-admin without `?tenant=`: every tenant near or over a limit. */
  | { kind: 'overview' }
  /** One tenant's dashboard; `choices` are the other tenants the user may switch to. */
  | { kind: 'tenant'; tenantId: string; choices: TenantChoice[]; guessed: boolean }
  /** Nothing to show (no usable tenant, not a member, a malformed id). */
  | { kind: 'none'; message: string; choices: TenantChoice[] }

const askedTenant = (searchParams: Record<string, string | string[] | undefined> | undefined): string | undefined => {
  const value = searchParams?.tenant
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

async function tenantNames(req: PayloadRequest, ids: string[]): Promise<TenantChoice[]> {
  if (ids.length === 0) return []
  const { docs } = await req.payload.find({
    collection: 'tenants',
    where: { id: { in: ids } },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: true,
    req,
    select: { name: true },
  })
  const names = new Map(docs.map((doc) => [String(doc.id), doc.name]))
  return ids.map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Which tenant a one-shop admin view (Usage, Onboarding) is for: `?tenant=<id>`, else the tenant selected in the
 * admin (the multi-tenant plugin's `payload-tenant` cookie), else the user's only usable tenant,
 * else — staff of several tenants with none selected — the first, flagged `guessed`. The
 * super-admin without `?tenant=` gets the platform overview. Membership and tenant status are
 * checked by the same rule as GET /api/usage (`viewedTenantOf`).
 */
export async function viewTarget(req: PayloadRequest, searchParams: Record<string, string | string[] | undefined> | undefined, cookies: Map<string, string> | undefined): Promise<ViewTarget> {
  const user = req.user
  const asked = askedTenant(searchParams)
  const superAdmin = isSuperAdmin(user)
  if (superAdmin && !asked) return { kind: 'overview' }

  const mine = superAdmin ? [] : await usableTenantIds(req, [...new Set(memberships(user).map((m) => m.tenant))])
  const choices = await tenantNames(req, mine)
  const selected = cookies?.get(SELECTED_TENANT_COOKIE)?.trim()
  const candidate = asked ?? (selected && mine.includes(selected) ? selected : undefined) ?? mine[0]
  if (!candidate) {
    return { kind: 'none', message: 'You do not belong to any active shop, so there is no usage to show.', choices }
  }
  try {
    // Same membership and status checks as the REST endpoint, on a copy of the page's request.
    const tenantId = await viewedTenantOf({ ...req, query: { ...req.query, tenant: candidate } })
    return { kind: 'tenant', tenantId, choices, guessed: !asked && candidate !== selected && mine.length > 1 }
  } catch (error) {
    if (error instanceof APIError) return { kind: 'none', message: error.message, choices }
    throw error
  }
}
