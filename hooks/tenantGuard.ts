import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { FIELD_LIMITS, rolesAllowed, type TenantCollection } from '../access/permissions'
import { isSuperAdmin } from '../access/isSuperAdmin'
import { roleIn, tenantIdOf, tenantIdsWithRole } from '../src/tenancy/memberships'
import { currentTenant } from '../src/tenancy/request-context'
import { AppError } from '../src/errors/app-error'

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Integrity of the `tenant` field on every tenant-owned collection, for every caller:
 * - create: staff may only create in a tenant where their role allows it (defaults to their
 *   only such tenant); a storefront create takes the resolved tenant;
 * - update: the tenant never changes, not even for the super-admin (400 naming the field);
 * - roles limited to some fields (FIELD_LIMITS) may not change the others (403 naming them).
 */
export const tenantGuard =
  (collection: TenantCollection): CollectionBeforeValidateHook =>
  ({ data, operation, originalDoc, req }) => {
    if (!data) return data
    const user = req.user
    const staff = user && user.collection === 'users' && !isSuperAdmin(user) ? user : null

    if (operation === 'create') {
      const storefrontTenant = (req.context as { storefrontTenant?: string }).storefrontTenant
      if (!user && storefrontTenant) data.tenant = storefrontTenant
      if (staff) {
        const allowed = tenantIdsWithRole(staff, rolesAllowed(collection, 'create'))
        const named = currentTenant(req)
        if (data.tenant == null && named && allowed.includes(named.tenantId)) data.tenant = named.tenantId
        if (data.tenant == null && allowed.length === 1) data.tenant = allowed[0]
        const requested = tenantIdOf(data.tenant)
        if (!requested || !allowed.includes(requested)) {
          throw requested
            ? new AppError('forbidden', 'Your role does not allow creating this in that tenant.', { path: 'tenant' })
            : new AppError('invalid_input', 'Choose the tenant this belongs to.', { path: 'tenant' })
        }
      }
      return data
    }

    if (operation === 'update' && originalDoc) {
      const current = tenantIdOf(originalDoc.tenant)
      if (data.tenant !== undefined && tenantIdOf(data.tenant) !== current) {
        throw new ValidationError({
          collection,
          errors: [{ path: 'tenant', message: 'The tenant of a document cannot be changed after it is created.' }],
          req,
        })
      }
      const limited = staff ? FIELD_LIMITS[collection]?.[roleIn(staff, current) ?? 'support-agent'] : undefined
      if (limited) {
        const changed = Object.keys(data).filter(
          (key) => !limited.includes(key) && !['id', 'tenant', 'updatedAt', 'createdAt'].includes(key) && !same(data[key], originalDoc[key]),
        )
        if (changed.length > 0) {
          throw new AppError('forbidden', `Your role may only change: ${limited.join(', ')} (not ${changed.join(', ')}).`)
        }
      }
    }
    return data
  }
