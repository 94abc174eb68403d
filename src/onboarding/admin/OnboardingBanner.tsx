import { Link } from '@payloadcms/ui'
import { cookies } from 'next/headers'
import type { Payload, TypedUser } from 'payload'
import { formatAdminURL } from 'payload/shared'

import { tenantIdsWithRole } from '../../tenancy/memberships'
import { SELECTED_TENANT_COOKIE } from '../../tenancy/resolve-tenant'
import { isTenantUsable } from '../../tenancy/tenant-status'
import { ONBOARDING_STEPS, doneCount, isOnboardingComplete, type OnboardingProgress } from '../steps'
import './onboarding.scss'

/**
 * The dashboard's setup reminder (`admin.components.beforeDashboard`): for a tenant-admin whose
 * shop — the selected one, else the first they administer — has not finished onboarding,
 * "Set up your shop: N of 5 steps done" and a link to the wizard. Nothing for anyone else.
 */
export async function OnboardingBanner({ payload, user }: { payload: Payload; user?: null | TypedUser }) {
  if (!user || user.collection !== 'users') return null
  const adminOf = tenantIdsWithRole(user, ['tenant-admin'])
  if (adminOf.length === 0) return null
  const selected = (await cookies()).get(SELECTED_TENANT_COOKIE)?.value
  const ids = selected && adminOf.includes(selected) ? [selected] : adminOf
  // As the user (the tenants they may read); the tenants registry has no row-level security.
  const { docs } = await payload.find({
    collection: 'tenants',
    where: { id: { in: ids } },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: false,
    user,
    select: { name: true, displayName: true, status: true, deletedAt: true, onboarding: true },
  })
  const tenant = ids.map((id) => docs.find((doc) => String(doc.id) === id)).find((doc) => doc && isTenantUsable(doc))
  if (!tenant) return null
  const progress = (tenant.onboarding ?? {}) as OnboardingProgress
  if (isOnboardingComplete(progress)) return null
  const href = formatAdminURL({ adminRoute: payload.config.routes.admin, path: `/onboarding?tenant=${tenant.id}` })
  return (
    <aside aria-label="Shop setup" className="onboarding-banner" data-testid="onboarding-banner">
      <p>
        <strong>
          Set up your shop: {doneCount(progress)} of {ONBOARDING_STEPS.length} steps done
        </strong>
        {ids.length > 1 || adminOf.length > 1 ? ` (${tenant.displayName || tenant.name})` : ''}
      </p>
      <Link className="btn btn--style-primary btn--size-small" href={href} prefetch={false}>
        Continue setup
      </Link>
    </aside>
  )
}
