import type { CollectionConfig } from 'payload'

import type { TenantCollection } from '../access/permissions'
import { tenantCollectionAccess } from '../access/tenantScoped'
import { auditChange, auditDelete } from '../hooks/auditTrail'
import { sameTenantRelations } from '../hooks/sameTenantRelations'
import { tenantGuard } from '../hooks/tenantGuard'

/**
 * Everything a tenant-owned collection shares, written once: matrix access, the tenant guard
 * (set on create, immutable, field limits), the same-tenant relationship check and the audit trail. The
 * multi-tenant plugin adds the `tenant` field itself (see payload.config.ts). `audit: false` is for
 * high-volume data the system writes (inbox messages, webhook events), never for configuration.
 */
export const tenantOwned = ({ audit = true, ...config }: CollectionConfig & { slug: TenantCollection; audit?: boolean }): CollectionConfig => ({
  ...config,
  admin: {
    ...config.admin,
    ...(config.admin?.defaultColumns ? { defaultColumns: [...config.admin.defaultColumns, 'tenant'] } : {}),
  },
  access: { ...tenantCollectionAccess(config.slug), ...config.access },
  hooks: {
    ...config.hooks,
    beforeValidate: [tenantGuard(config.slug), ...(config.hooks?.beforeValidate ?? [])],
    beforeChange: [...(config.hooks?.beforeChange ?? []), sameTenantRelations],
    // Last, so the entry describes what was stored (audit-logs).
    afterChange: [...(config.hooks?.afterChange ?? []), ...(audit ? [auditChange] : [])],
    afterDelete: [...(config.hooks?.afterDelete ?? []), ...(audit ? [auditDelete] : [])],
  },
})
