import type { CollectionConfig, Config, PayloadRequest } from 'payload'

import { QUOTA_ALERTS, quotaAlerts } from './collections/QuotaAlerts'
import { USAGE_COUNTERS, usageCounters } from './collections/UsageCounters'
import { USAGE_SNAPSHOTS, usageSnapshots } from './collections/UsageSnapshots'
import { alertAfterCount, deleteCounted, enforceCountLimit, enforceUserLimit } from './count-limits'
import { usageEndpoint, usageOverviewEndpoint } from './endpoints/usage'
import { gateAccess, gateCreate, gateOperation } from './features'
import { alertEmailTask } from './jobs/alert-email'
import { queueUsageSnapshotsTask, usageSnapshotTask } from './jobs/usage-snapshot'
import { consumeOnCreate } from './consume-on-create'
import { resolveOptions, type CountLimit, type FeatureName, type QuotasPluginOptions } from './options'
import { quotaOverridesField } from './overrides-field'
import { readersOf } from './permissions'
import { forgetQuotasHere, forgetTenantQuotas, QUOTAS_TOPIC } from './tenant-quota'

type Hooks = NonNullable<CollectionConfig['hooks']>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one hook used in several hook slots
type Hook = (args: any) => unknown

/** Every hook this plugin adds carries this mark (bench/quota removes them to measure their cost). */
export const QUOTA_HOOK = Symbol.for('e-merkater.quota-hook')
const mark = <T extends object>(hook: T): T => Object.assign(hook, { [QUOTA_HOOK]: true })
const OPERATIONS = ['create', 'read', 'update', 'delete'] as const

/** Add hooks to one collection: `before` ones run first, `after` ones last. */
function addHooks(collection: CollectionConfig, hooks: { [K in keyof Hooks]?: { first?: Hooks[K]; last?: Hooks[K] } }): CollectionConfig {
  const merged = { ...collection.hooks } as Record<string, unknown[] | undefined>
  for (const [name, { first = [], last = [] } = {}] of Object.entries(hooks) as [string, { first?: unknown[]; last?: unknown[] }][]) {
    merged[name] = [...(first as object[]).map(mark), ...(merged[name] ?? []), ...(last as object[]).map(mark)]
  }
  return { ...collection, hooks: merged }
}

/**
 * Plans, quotas and feature gates (plugins/quotas/README.md):
 * - count limits (users, pages, numbers, couriers, products) refused on create with 403
 *   `quota_exceeded`, race-safe under a per-tenant advisory lock;
 * - monthly limits in a usage ledger (`consume`/`peek`), orders and leads consumed on create;
 * - per-tenant overrides on the tenant (super-admin), which beat the plan;
 * - feature gates: collections of a feature the plan lacks are hidden and answer 403
 *   `feature_not_in_plan`;
 * - alerts at 80 % / 100 % emailed to tenant-admins once per threshold per month (a job);
 * - a daily usage snapshot (a scheduled fan-out task → a job per tenant), `/api/usage`, `/api/usage/overview` and the
 *   admin's Usage view.
 */
export const quotasPlugin =
  (pluginOptions: QuotasPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    const { access, admin, jobs, tenancy } = options
    // Another instance changed a plan or a tenant's overrides: drop this process's copy.
    options.invalidation.onInvalidate(QUOTAS_TOPIC, forgetQuotasHere)

    const counted = new Map(Object.entries(options.countLimits).map(([limit, slug]) => [slug, limit as CountLimit]))
    const gated = new Map<string, FeatureName>()
    for (const [feature, slugs] of Object.entries(options.featureCollections)) for (const slug of slugs ?? []) gated.set(slug, feature as FeatureName)

    const collections = (config.collections ?? []).map((collection) => {
      let result = collection
      const slug = collection.slug
      if (slug === options.tenantsSlug) {
        // A changed plan or override applies at once in this process (tenant-quota.ts caches).
        const forget: Hook = ({ doc, req }: { doc: { id: string }; req: PayloadRequest }) => forgetTenantQuotas(req, String(doc.id))
        result = addHooks({ ...result, fields: [...result.fields, quotaOverridesField(access)] }, { afterChange: { last: [forget] }, afterDelete: { last: [forget] } })
      }
      if (slug === options.plansSlug) {
        const forgetAll: Hook = ({ req }: { req: PayloadRequest }) => forgetTenantQuotas(req)
        result = addHooks(result, { afterChange: { last: [forgetAll] }, afterDelete: { last: [forgetAll] } })
      }
      const feature = gated.get(slug)
      if (feature) {
        const gatedAccess = Object.fromEntries(OPERATIONS.map((op) => [op, gateAccess(feature, result.access?.[op])]))
        result = addHooks(
          { ...result, access: { ...result.access, ...gatedAccess } },
          {
            beforeOperation: { last: [gateOperation(feature)] },
            beforeChange: { first: [gateCreate(feature)] },
          },
        )
      }
      const limit = counted.get(slug)
      if (limit) {
        result = addHooks(result, {
          beforeChange: { last: [limit === 'users' ? enforceUserLimit : enforceCountLimit(limit)] },
          afterChange: { last: [alertAfterCount] },
          ...(limit === 'users' ? {} : { afterDelete: { last: [deleteCounted(limit)] } }),
        })
      }
      const metric = options.consumeOnCreate[slug]
      if (metric) result = addHooks(result, { beforeChange: { last: [consumeOnCreate(metric)] } })
      return result
    })

    const withQuotas: Config = {
      ...config,
      collections: [
        ...collections,
        usageCounters(options.tenantsSlug, access, readersOf(USAGE_COUNTERS)),
        quotaAlerts(options.tenantsSlug, access, readersOf(QUOTA_ALERTS)),
        usageSnapshots(options.tenantsSlug, access, readersOf(USAGE_SNAPSHOTS)),
      ],
      // Server-only (never sent to the admin's client config): the views and hooks read the
      // host's pieces from here at run time.
      custom: { ...config.custom, quotas: options },
      endpoints: [...(config.endpoints ?? []), usageEndpoint, usageOverviewEndpoint],
      // A refusal is the product working, not a server error: logged at info.
      loggingLevels: { ...config.loggingLevels, QuotaExceededError: 'info', FeatureNotInPlanError: 'info' } as Config['loggingLevels'],
      admin: {
        ...config.admin,
        // The host's pieces the Usage view renders by path, so that generate:importmap lists them.
        dependencies: {
          ...config.admin?.dependencies,
          'quotas.viewShell': { type: 'component', path: admin.viewShell },
          'quotas.tenantChoices': { type: 'component', path: admin.tenantChoices },
          'quotas.requireAdminUser': { type: 'function', path: admin.requireAdminUser },
        },
        components: {
          ...config.admin?.components,
          afterNavLinks: [...(config.admin?.components?.afterNavLinks ?? []), ...(admin.navLink ? [{ path: admin.navLink, clientProps: { path: '/usage', label: 'Usage', id: 'nav-usage' } }] : [])],
          views: {
            ...config.admin?.components?.views,
            usage: { Component: '/plugins/quotas/admin/UsageView#UsageView', path: '/usage' },
          },
        },
      },
    }
    // The one registry of tasks; the snapshot fan-out's schedule runs on the host's clock.
    return jobs.withTasks(withQuotas, [alertEmailTask(tenancy), usageSnapshotTask(jobs), ...(options.snapshotSchedule ? [queueUsageSnapshotsTask(options.snapshotSchedule)] : [])])
  }
