import type { CollectionConfig, Config, Field } from 'payload'

import { PERFORMANCE_PATH, RECONCILIATION_PATH } from './admin/view-types'
import type { ResolvedCouriersOptions } from './options'

const ADMIN = '/plugins/couriers/admin'

/** The order's delivery panel: shipment, "Book with…", risk (sidebar). */
const bookPanel: Field = {
  name: 'courierShipment',
  type: 'ui',
  admin: { position: 'sidebar', components: { Field: `${ADMIN}/BookShipment#BookShipment` } },
}

/** The customer's delivery record: the risk badge of their phone (sidebar). */
const customerRisk: Field = {
  name: 'courierRisk',
  type: 'ui',
  admin: { position: 'sidebar', components: { Field: `${ADMIN}/RiskBadge#CustomerRisk` } },
}

/**
 * The admin pieces on the host's collections (admin/README.md): orders get the delivery panel
 * in the sidebar (current shipment with status, tracking, cash and history, Refresh / Cancel;
 * or "Book with…" with account, weight, store, cash, recipient and quote; the phone's risk)
 * and bulk booking above the list; customers get their delivery record. Others are untouched.
 */
export function withCollectionAdmin(collection: CollectionConfig, _options: ResolvedCouriersOptions): CollectionConfig {
  if (collection.slug === 'orders') {
    return {
      ...collection,
      fields: [...collection.fields, bookPanel],
      admin: {
        ...collection.admin,
        components: {
          ...collection.admin?.components,
          beforeListTable: [...(collection.admin?.components?.beforeListTable ?? []), `${ADMIN}/BulkBookButton#BulkBookButton`],
        },
      },
    }
  }
  if (collection.slug === 'customers') return { ...collection, fields: [...collection.fields, customerRisk] }
  return collection
}

/**
 * The plugin's admin views, COD reconciliation (`/admin/couriers/reconciliation`) and courier
 * performance (`/admin/couriers/performance`), drawn in the host's view shell; their nav links
 * (a server component choosing who sees which) when the host gives a nav link; and the host's
 * pieces named in `admin.dependencies`, so `generate:importmap` lists them.
 */
export function withAdminViews(config: Config, options: ResolvedCouriersOptions): Config {
  const { admin } = options
  return {
    ...config,
    admin: {
      ...config.admin,
      dependencies: {
        ...config.admin?.dependencies,
        'couriers.viewShell': { type: 'component', path: admin.viewShell },
        'couriers.requireAdminUser': { type: 'function', path: admin.requireAdminUser },
        ...(admin.navLink ? { 'couriers.navLink': { type: 'component', path: admin.navLink } } : {}),
      },
      components: {
        ...config.admin?.components,
        afterNavLinks: [...(config.admin?.components?.afterNavLinks ?? []), ...(admin.navLink ? [`${ADMIN}/CouriersNavLinks#CouriersNavLinks`] : [])],
        views: {
          ...config.admin?.components?.views,
          couriersReconciliation: { Component: `${ADMIN}/ReconciliationView#ReconciliationView`, path: RECONCILIATION_PATH },
          couriersPerformance: { Component: `${ADMIN}/PerformanceView#PerformanceView`, path: PERFORMANCE_PATH },
        },
      },
    },
  }
}
