/**
 * The quotas plugin's public surface: everything outside plugins/quotas imports from here and
 * nothing deeper (plugins/quotas/README.md, "Public surface"). The host's pieces come in through
 * the options (`QuotasPluginOptions`, built by the host in src/plugin-host/quotas.ts).
 */
export { QUOTA_HOOK, quotasPlugin } from './plugin'
export type { CountLimit, FeatureName, LimitName, PeriodicLimit, QuotasAccess, QuotasAdmin, QuotasDb, QuotasJobs, QuotasPluginOptions, QuotasTenancy, TenantChoice, TenantTaskSpec, ViewTarget } from './options'
export { COUNT_LIMITS, LIMITS, PERIODIC_LIMITS } from './options'
export { QUOTA_PERMISSIONS, type TenantRole } from './permissions'

// Limits and usage, for the host's features (Meta sending, AI, rate limits, orders, seed).
export { consume, peek, type Usage } from './ledger'
export { forgetTenantQuotas, tenantQuota, type TenantQuota } from './tenant-quota'
export { DEFER_CONSUMPTION } from './consume-on-create'
export { countQuery, discardPendingQuotaAlerts, reconcileCounters, reserveCount } from './count-limits'
export { hasFeature, requireFeature } from './features'
export { FeatureNotInPlanError, QuotaExceededError } from './errors'
export { tenantUsage, type TenantUsage } from './usage'
export { dayOf, periodOf, periodsEndingWith } from './period'

// Background work: the task slugs and what the daily schedule does.
export { ALERT_TASK } from './alerts'
export { QUEUE_SNAPSHOTS_TASK, queueUsageSnapshots, SNAPSHOT_TASK } from './jobs/usage-snapshot'
