import type { CollectionConfig } from 'payload'

import type { TenantCollection } from '../access/permissions'
import { tenantCollectionAccess } from '../access/tenantScoped'
import { auditChange, auditDelete } from '../hooks/auditTrail'
import { sameTenantRelations } from '../hooks/sameTenantRelations'
import { tenantGuard } from '../hooks/tenantGuard'

/**
 * Everything a tenant-owned collection shares, written once: matrix access, the tenant guard
 * (set on create, immutable, field limits), the same-tenant relationship check and the audit trail. The
 * multi-tenant plugin adds the `tenant` field itself (see payload.config.ts).
 */
export const tenantOwned = (config: CollectionConfig & { slug: TenantCollection }): CollectionConfig => ({
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
    afterChange: [...(config.hooks?.afterChange ?? []), auditChange],
    afterDelete: [...(config.hooks?.afterDelete ?? []), auditDelete],
  },
})
