import type { Access, CollectionBeforeChangeHook, CollectionBeforeOperationHook, PayloadRequest, Where } from 'payload'

import { FeatureNotInPlanError } from './errors'
import { quotaOptions, type FeatureName } from './options'
import { idOf } from './sql'
import { tenantQuota, tenantQuotas, type TenantQuota } from './tenant-quota'

/** A tenant without a plan is not gated; otherwise the plan must list the feature. */
export const quotaHasFeature = (quota: null | TenantQuota | undefined, feature: FeatureName): boolean => !quota || quota.features === null || quota.features.has(feature)

/** Whether the tenant's plan includes `feature` — the one check endpoints and access use. */
export async function hasFeature(req: PayloadRequest, tenantId: string, feature: FeatureName): Promise<boolean> {
  return quotaHasFeature(await tenantQuota(req, tenantId), feature)
}

/** Throw `feature_not_in_plan` (403) unless the tenant's plan includes `feature`. */
export async function requireFeature(req: PayloadRequest, tenantId: string, feature: FeatureName): Promise<void> {
  const quota = await tenantQuota(req, tenantId)
  if (!quotaHasFeature(quota, feature)) throw new FeatureNotInPlanError(feature, quota?.plan ?? null)
}

/** The tenants a request acts for (the host's rule, `tenancy.requestTenants`); [] = not narrowed. */
const requestTenants = (req: PayloadRequest): string[] => quotaOptions(req.payload).tenancy.requestTenants(req)

async function withFeature(req: PayloadRequest, ids: string[], feature: FeatureName) {
  const quotas = await tenantQuotas(req, ids)
  return { allowed: ids.filter((id) => quotaHasFeature(quotas.get(id), feature)), quotas }
}

/**
 * beforeOperation (after tenant resolution): a caller none of whose tenants has the feature
 * gets `feature_not_in_plan` rather than an empty list or a bare 403.
 */
export const gateOperation =
  (feature: FeatureName): CollectionBeforeOperationHook =>
  async ({ args, req }) => {
    const ids = requestTenants(req)
    if (ids.length === 0) return args
    const { allowed, quotas } = await withFeature(req, ids, feature)
    if (allowed.length === 0) throw new FeatureNotInPlanError(feature, quotas.get(ids[0])?.plan ?? null)
    return args
  }

/** beforeChange: a document may only be created in a tenant whose plan has the feature (for anyone). */
export const gateCreate =
  (feature: FeatureName): CollectionBeforeChangeHook =>
  async ({ data, operation, req }) => {
    const tenantId = operation === 'create' ? idOf(data.tenant) : null
    if (tenantId) await requireFeature(req, tenantId, feature)
    return data
  }

/**
 * Wrap a collection access function: staff reach only the rows of their tenants whose plan has
 * the feature, and none at all (so the admin hides the collection) when no tenant has it.
 */
export const gateAccess =
  (feature: FeatureName, access: Access | undefined): Access =>
  async (args) => {
    const result = access ? await access(args) : Boolean(args.req.user)
    const ids = requestTenants(args.req)
    if (!result || ids.length === 0) return result
    const { allowed } = await withFeature(args.req, ids, feature)
    if (allowed.length === 0) return false
    if (allowed.length === ids.length) return result
    const narrowed: Where = { tenant: { in: allowed } }
    return result === true ? narrowed : { and: [result, narrowed] }
  }
