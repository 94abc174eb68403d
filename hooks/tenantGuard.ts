import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { extractID } from 'payload/shared'

import { FIELD_LIMITS, rolesAllowed, type TenantCollection } from '../access/permissions'
import { roleInScope, scopeOf, tenantsWhere } from '../src/tenancy/scope'
import { AppError } from '../src/errors/app-error'

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Integrity of the `tenant` field on every tenant-owned collection, for every caller:
 * - create: staff may only create in a usable tenant of their scope (src/tenancy/scope.ts) where
 *   their role allows it (defaults to the named tenant, else their only such tenant); a
 *   storefront create takes the resolved tenant;
 * - update: the tenant never changes, not even for the super-admin (400 naming the field);
 * - roles limited to some fields (FIELD_LIMITS) may not change the others (403 naming them).
 */
export const tenantGuard =
  (collection: TenantCollection): CollectionBeforeValidateHook =>
  async ({ data, operation, originalDoc, req }) => {
    if (!data) return data
    // Local API calls without a user (the platform's own writes) name their tenant themselves.
    const scope = req.user || req.payloadAPI !== 'local' ? await scopeOf(req) : null
    const staff = scope?.kind === 'tenants' && scope.userId ? scope : null

    if (operation === 'create') {
      const storefrontTenant = (req.context as { storefrontTenant?: string }).storefrontTenant
      if (!req.user && storefrontTenant) data.tenant = storefrontTenant
      if (staff) {
        const found = await tenantsWhere(req, rolesAllowed(collection, 'create'))
        const allowed = found === 'all' ? [] : found
        const named = staff.named
        if (data.tenant == null && named && allowed.includes(named.tenantId)) data.tenant = named.tenantId
        if (data.tenant == null && allowed.length === 1) data.tenant = allowed[0]
        const requested = data.tenant == null ? null : String(extractID(data.tenant))
        if (!requested || !allowed.includes(requested)) {
          throw requested
            ? new AppError('forbidden', 'Your role does not allow creating this in that tenant.', { path: 'tenant' })
            : new AppError('invalid_input', 'Choose the tenant this belongs to.', { path: 'tenant' })
        }
      }
      return data
    }

    if (operation === 'update' && originalDoc) {
      const current = originalDoc.tenant == null ? null : String(extractID(originalDoc.tenant))
      if (data.tenant !== undefined && (data.tenant == null ? null : String(extractID(data.tenant))) !== current) {
        throw new ValidationError({
          collection,
          errors: [{ path: 'tenant', message: 'The tenant of a document cannot be changed after it is created.' }],
          req,
        })
      }
      const limited = staff ? FIELD_LIMITS[collection]?.[roleInScope(staff, current) ?? 'support-agent'] : undefined
      if (limited) {
        const changed = Object.keys(data).filter((key) => !limited.includes(key) && !['id', 'tenant', 'updatedAt', 'createdAt'].includes(key) && !same(data[key], originalDoc[key]))
        if (changed.length > 0) {
          throw new AppError('forbidden', `Your role may only change: ${limited.join(', ')} (not ${changed.join(', ')}).`)
        }
      }
    }
    return data
  }
