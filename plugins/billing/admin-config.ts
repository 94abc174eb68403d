import type { CollectionConfig, Config } from 'payload'

import { BILLING_ADMIN_KEY, BILLING_PATH, BILLING_VIEW_KEY, type BillingAdmin } from './admin/view-types'

export type { BillingAdmin }

const ADMIN = '/plugins/billing/admin'

/** The slug of the plans collection, whose list gets "Sync prices with Stripe". */
export const PLANS_SLUG = 'plans'
const SYNC_BUTTON = `${ADMIN}/SyncPricesButton#SyncPricesButton`

/**
 * The plans list's "Sync prices with Stripe" button above the table (`beforeListTable`; the
 * super-admin only: POST /api/billing/sync-prices). Any other collection is returned untouched,
 * so this may be mapped over all of them; applying it twice adds the button once.
 */
export function withPlansAdmin(collection: CollectionConfig): CollectionConfig {
  const before = collection.admin?.components?.beforeListTable ?? []
  if (collection.slug !== PLANS_SLUG || before.includes(SYNC_BUTTON)) return collection
  return {
    ...collection,
    admin: {
      ...collection.admin,
      components: {
        ...collection.admin?.components,
        beforeListTable: [...before, SYNC_BUTTON],
      },
    },
  }
}

/**
 * The billing plugin's admin (admin/README.md): the view `/admin/billing` (key `billing`) drawn
 * in the host's view shell; its "Billing" nav link (a server component: tenant-admins and the
 * super-admin) when the host gives a nav link; the past-due banner on every admin page of a
 * signed-in user (`admin.components.header`, which Payload's DefaultTemplate draws above the
 * layout; the login page uses the minimal template, without it); the plans list's sync button
 * (`withPlansAdmin`, applied to the config's `plans` collection when it is there); and the
 * host's pieces in `admin.dependencies`, so `generate:importmap` lists them. The pieces are kept
 * in `config.custom.billingAdmin` (server-side only) for the view and the nav link.
 */
export function withBillingAdmin(config: Config, admin: BillingAdmin): Config {
  return {
    ...config,
    collections: config.collections?.map(withPlansAdmin),
    custom: { ...config.custom, [BILLING_ADMIN_KEY]: admin },
    admin: {
      ...config.admin,
      dependencies: {
        ...config.admin?.dependencies,
        'billing.viewShell': { type: 'component', path: admin.viewShell },
        'billing.requireAdminUser': { type: 'function', path: admin.requireAdminUser },
        ...(admin.navLink ? { 'billing.navLink': { type: 'component', path: admin.navLink } } : {}),
      },
      components: {
        ...config.admin?.components,
        header: [...(config.admin?.components?.header ?? []), `${ADMIN}/PastDueBanner#PastDueBanner`],
        afterNavLinks: [...(config.admin?.components?.afterNavLinks ?? []), ...(admin.navLink ? [`${ADMIN}/BillingNavLink#BillingNavLink`] : [])],
        views: {
          ...config.admin?.components?.views,
          [BILLING_VIEW_KEY]: { Component: `${ADMIN}/BillingView#BillingView`, path: BILLING_PATH },
        },
      },
    },
  }
}
