import type { AdminViewServerProps } from 'payload'
import type React from 'react'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { AdminViewShell, requireAdminUser } from '../../admin/AdminViewShell'
import { TenantChoices } from '../../admin/TenantChoices'
import { viewTarget } from '../../tenancy/view-target'
import { CURRENCIES } from '../../money/currencies'
import { roleIn } from '../../tenancy/memberships'
import { TENANT_ROLE_LABELS, TENANT_ROLES } from '../../tenancy/roles'
import type { OnboardingProgress } from '../steps'
import { OnboardingWizard } from './OnboardingWizard'
import './onboarding.scss'

/**
 * The admin's onboarding wizard (`/admin/onboarding`) for the selected tenant — the same choice
 * as the Usage view (`?tenant=`, the admin's tenant selector, the user's only shop). Only a
 * tenant-admin of the shop (or the super-admin with `?tenant=`) gets the forms; the saving
 * itself goes through the REST API, whose access rules decide again. Custom views are public in
 * Payload, so this one checks the user itself.
 */
export async function OnboardingView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { cookies, req } = initPageResult
  const { payload } = req
  const user = requireAdminUser({ initPageResult, params, searchParams }, '/onboarding')
  const adminRoute = payload.config.routes.admin

  const target = await viewTarget(req, searchParams, cookies)
  let body: React.ReactNode
  if (target.kind === 'overview') {
    body = <p role="alert">Open a shop’s setup with ?tenant=&lt;tenant id&gt;.</p>
  } else if (target.kind === 'none') {
    body = (
      <>
        <TenantChoices path="/onboarding" className="onboarding__choices" adminRoute={adminRoute} choices={target.choices} />
        <p role="alert">{target.message}</p>
      </>
    )
  } else {
    const tenant = await payload.findByID({ collection: 'tenants', id: target.tenantId, depth: 0, overrideAccess: false, req, disableErrors: true })
    const mayEdit = isSuperAdmin(user) || roleIn(user, target.tenantId) === 'tenant-admin'
    body = (
      <>
        <TenantChoices path="/onboarding" className="onboarding__choices" adminRoute={adminRoute} choices={target.choices} current={target.tenantId} />
        {!tenant ? (
          <p role="alert">There is no such shop.</p>
        ) : !mayEdit ? (
          <p role="alert">Only a tenant-admin of {tenant.name} can set the shop up.</p>
        ) : (
          <OnboardingWizard
            branding={{
              primaryColor: tenant.branding?.primaryColor ?? '',
              secondaryColor: tenant.branding?.secondaryColor ?? '',
              accentColor: tenant.branding?.accentColor ?? '',
            }}
            dashboardHref={adminRoute}
            profile={{ displayName: tenant.displayName ?? tenant.name, timezone: tenant.timezone ?? 'Asia/Dhaka', currency: tenant.currency ?? 'BDT', currencies: [...CURRENCIES] }}
            progress={(tenant.onboarding ?? {}) as OnboardingProgress}
            roles={TENANT_ROLES.map((value) => ({ value, label: TENANT_ROLE_LABELS[value] }))}
            tenantId={String(tenant.id)}
            tenantName={tenant.displayName || tenant.name}
          />
        )}
      </>
    )
  }

  return (
    <AdminViewShell initPageResult={initPageResult} params={params} searchParams={searchParams} viewType="onboarding" label="Set up your shop" className="onboarding-view">
      <h1>Set up your shop</h1>
      {body}
    </AdminViewShell>
  )
}
