import { multiTenantPlugin } from '@payloadcms/plugin-multi-tenant'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { isSuperAdmin } from './access/isSuperAdmin'
import { isTenantAdminAnywhere } from './access/isTenantAdminAnywhere'
import { PERMISSIONS } from './access/permissions'
import { aiPlugin } from './plugins/ai'
import { billingPlugin } from './plugins/billing'
import { brandingPlugin } from './plugins/branding'
import { couriersPlugin } from './plugins/couriers'
import { dashboardsCollectionsPlugin, dashboardsPlugin } from './plugins/dashboards'
import { aiHost } from './src/plugin-host/ai'
import { billingHost } from './src/plugin-host/billing'
import { brandingHost } from './src/plugin-host/branding'
import { couriersHost } from './src/plugin-host/couriers'
import { dashboardsHost } from './src/plugin-host/dashboards'
import { impersonationPlugin } from './plugins/impersonation'
import { impersonationHost } from './src/plugin-host/impersonation'
import { metaPlugin } from './plugins/meta'
import { metaHost } from './src/plugin-host/meta'
import { quotasPlugin } from './plugins/quotas'
import { quotasHost } from './src/plugin-host/quotas'
import { ApiKeys } from './collections/ApiKeys'
import { AuditLogs } from './collections/AuditLogs'
import { Couriers } from './collections/Couriers'
import { Customers } from './collections/Customers'
import { Exports } from './collections/Exports'
import { Invitations } from './collections/Invitations'
import { Leads } from './collections/Leads'
import { Media } from './collections/Media'
import { Numbers } from './collections/Numbers'
import { Orders } from './collections/Orders'
import { Pages } from './collections/Pages'
import { Plans } from './collections/Plans'
import { Products } from './collections/Products'
import { Tenants } from './collections/Tenants'
import { Users } from './collections/Users'
import type { Config } from './payload-types'
import { auditSuperAdminReads } from './src/audit/bypass-audit'
import { auditPurgeTask } from './src/audit/purge'
import { queueTenantPurgesTask, tenantPurgeTask } from './src/tenancy/purge-tenant'
import { queueTrialChecksTask, trialCheckTask } from './src/tenancy/trial-expiry'
import { databaseAdapter } from './src/db/adapter'
import { startDatabaseBackstop } from './src/db/rls/startup'
import { watchDatabasePool } from './src/db/watch-pool'
import { emailAdapter } from './src/email/email-adapter'
import { tenantExportTask } from './src/export/task'
import { graphqlLimits } from './src/graphql/options'
import { healthEndpoint } from './src/health/health-endpoint'
import { platformCanaryTask } from './src/platform-health/canary-task'
import { platformHealthEndpoint, selfcheckReportEndpoint } from './src/platform-health/endpoints'
import { platformHealthQueries } from './src/platform-health/graphql'
import { importEndpoint } from './src/import/endpoint'
import { storefrontOrdersEndpoint } from './src/storefront/orders-endpoint'
import { shapeErrors } from './src/errors/shape-errors'
import { kvAdapter, kvTableCollections } from './src/cache/kv'
import { allowedOrigins, csrfOrigins, watchTenantDomains } from './src/http/allowed-origins'
import { jobsConfig } from './src/jobs/jobs-config'
import { startSchedules } from './src/jobs/scheduler'
import { tenantResolutionPlugin } from './src/tenancy/plugin'
import { queryValidationPlugin } from './src/validation/plugin'
import { TENANT_ROLE_LABELS, TENANT_ROLES } from './src/tenancy/roles'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: dirname, importMapFile: path.join(dirname, 'src/app/(payload)/admin/importMap.js') },
    meta: { titleSuffix: ' · e-merkater' },
    components: {
      // The new tenant-admin's setup wizard and its dashboard reminder (src/onboarding).
      beforeDashboard: ['/src/onboarding/admin/OnboardingBanner#OnboardingBanner'],
      // CSV import of products, customers and leads (src/import).
      // The super-admin's platform health page (src/platform-health).
      afterNavLinks: ['/src/import/admin/ImportNavLink#ImportNavLink', '/src/platform-health/admin/PlatformHealthNavLink#PlatformHealthNavLink'],
      views: {
        onboarding: { Component: '/src/onboarding/admin/OnboardingView#OnboardingView', path: '/onboarding' },
        import: { Component: '/src/import/admin/ImportView#ImportView', path: '/import' },
        platformHealth: { Component: '/src/platform-health/admin/PlatformHealthView#PlatformHealthView', path: '/platform-health' },
      },
    },
  },
  collections: [Tenants, Plans, Users, Invitations, Media, Products, Customers, Orders, Pages, Numbers, Couriers, Leads, ApiKeys, AuditLogs, Exports, ...kvTableCollections()],
  // Redis when REDIS_URL is set, else the payload_kv table (src/cache/kv.ts).
  kv: kvAdapter(),
  db: databaseAdapter(),
  editor: lexicalEditor(),
  email: emailAdapter(),
  endpoints: [healthEndpoint, platformHealthEndpoint, selfcheckReportEndpoint, storefrontOrdersEndpoint, importEndpoint],
  // Every error answers one shape, { error: <code>, message, errors: [{ path, message }] } (src/errors).
  hooks: { afterError: [shapeErrors] },
  // Throttled requests are the product working; the audit log records each key once per window.
  loggingLevels: { RateLimitedError: 'debug' } as never,
  // Browsers may call the API from the back-office, storefront sub-domains and tenants' own
  // domains (read live, src/http/allowed-origins.ts); staff cookies count only from the back-office.
  cors: { origins: allowedOrigins(), headers: ['X-API-Key', 'X-Tenant', 'X-Tenant-ID', 'X-Request-Id'] },
  csrf: csrfOrigins(),
  logger: { options: { level: process.env.LOG_LEVEL ?? 'info' } },
  onInit: async (payload) => {
    watchDatabasePool(payload)
    await startDatabaseBackstop(payload)
    auditSuperAdminReads(payload)
    await watchTenantDomains(payload)
    startSchedules(payload)
  },
  // The one registry of tasks (plugins add theirs with withTasks); a task's `schedule` is run by
  // the app's node-cron clock, once per slot across instances (src/jobs/scheduler.ts).
  jobs: jobsConfig([auditPurgeTask, tenantPurgeTask, queueTenantPurgesTask, trialCheckTask, queueTrialChecksTask, tenantExportTask, platformCanaryTask]),
  graphQL: { schemaOutputFile: path.join(dirname, 'schema.graphql'), ...graphqlLimits, queries: platformHealthQueries },
  secret: process.env.PAYLOAD_SECRET ?? '',
  serverURL: process.env.SERVER_URL ?? '',
  sharp,
  telemetry: false,
  // Types are generated explicitly (npm run generate:types) and committed; CI type-checks them.
  typescript: { autoGenerate: false, outputFile: path.join(dirname, 'payload-types.ts') },
  plugins: [
    // Pages and numbers: webhooks, inbox, sending, templates, automations, lead ads. Before the
    // multi-tenant plugin, which gives the inbox collections their tenant field.
    metaPlugin(metaHost),
    // Courier booking, tracking, cash-on-delivery reconciliation (plugins/couriers). Before the
    // multi-tenant plugin, like meta.
    couriersPlugin(couriersHost),
    // The inbox assistant: reply drafts, summaries, order drafts and opt-in auto-replies, per shop
    // and within its AI quota (plugins/ai). After meta (it reads the inbox's collections), before
    // the multi-tenant plugin.
    aiPlugin(aiHost),
    // Stripe subscriptions, checkout, portal, dunning, metered overage, invoices (plugins/billing).
    billingPlugin(billingHost),
    // Each shop's versioned configuration and branding (plugins/branding).
    brandingPlugin(brandingHost),
    // Who may export each shop's Reports (plugins/dashboards): before the multi-tenant plugin, for the tenant field.
    dashboardsCollectionsPlugin(dashboardsHost),
    multiTenantPlugin<Config>({
      // Every tenant-owned collection of the permission matrix gets the plugin's tenant field,
      // admin selector and list filter. Its access wrap is off: access/tenantScoped.ts already
      // answers from the request's scope (src/tenancy/scope.ts), narrower than the plugin's
      // "any of the user's tenants", and one rule is easier to read than two ANDed.
      collections: Object.fromEntries(Object.keys(PERMISSIONS).map((slug) => [slug, { useTenantAccess: false }])),
      // Deleting a tenant is a soft delete with a retention period (a later issue); never let
      // the plugin hard-delete every tenant document at click time.
      cleanupAfterTenantDelete: false,
      // A Tenant column and filter in every list, so the super-admin with no tenant selected
      // sees whose rows are whose (Payload issue #13589).
      tenantField: { admin: { disableListColumn: false, disableListFilter: false } },
      tenantsArrayField: {
        includeDefaultField: true,
        // Tenant-admins manage memberships of their own tenants (checked in Users' hooks).
        arrayFieldAccess: {
          create: isTenantAdminAnywhere,
          update: isTenantAdminAnywhere,
        },
        rowFields: [
          {
            name: 'role',
            type: 'select',
            required: true,
            defaultValue: 'support-agent',
            saveToJWT: true,
            options: TENANT_ROLES.map((value) => ({ label: TENANT_ROLE_LABELS[value], value })),
          },
        ],
      },
      userHasAccessToAllTenants: (user) => isSuperAdmin(user),
    }),
    // API key → X-Tenant header → host → selected tenant, before every tenant-owned operation.
    tenantResolutionPlugin({ collections: Object.keys(PERMISSIONS) }),
    // Plan limits, monthly usage ledger, feature gates, usage alerts and the Usage view.
    quotasPlugin(quotasHost),
    // Each shop's KPIs from daily rollups, its Reports, and the super-admin's aggregates (plugins/dashboards).
    dashboardsPlugin(dashboardsHost),
    // Consented impersonation (plugins/impersonation): grants, their endpoints, the auth strategy
    // in front of the users' own and the admin's banner. After every plugin that adds collections
    // or endpoints: its read-only guard wraps them all.
    impersonationPlugin(impersonationHost),
    // No document locking anywhere (last, so plugins' collections are covered too): Payload's
    // payload-locked-documents collection would hold rows pointing at every tenant's documents,
    // readable and writable by any signed-in user; with no lockable collection Payload does not
    // create it at all. Concurrent edits are caught instead by the stale-write check of orders
    // (409) and the audit trail. See README, "Identity and accounts".
    (config) => ({ ...config, collections: config.collections?.map((collection) => ({ ...collection, lockDocuments: false })) }),
    queryValidationPlugin(),
  ],
})
