import type { Payload } from 'payload'

import type { Plan, Product, Tenant, User } from '../../../payload-types'
import { runAsSystem } from '../../../src/tenancy/request-context'
import type { TenantRole } from '../../../src/tenancy/roles'

export const PASSWORD = 'test-password-1'

let counter = 0
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`

/**
 * Test fixtures are system work: they use overrideAccess, and run as the platform (row-level
 * security's bypass, src/db/rls) — the code under test never does either.
 */
export const asSystem = <T>(fn: () => Promise<T>): Promise<T> => runAsSystem('test fixture', fn)

export async function createTenant(payload: Payload, data: Partial<Tenant> = {}): Promise<Tenant> {
  const slug = data.slug ?? unique('shop')
  return asSystem(() =>
    payload.create({
      collection: 'tenants',
      data: { name: slug, slug, status: 'active', ...data },
      overrideAccess: true,
    }),
  )
}

export async function createStaff(payload: Payload, tenant: Tenant | Tenant[], role: TenantRole = 'tenant-admin'): Promise<User> {
  const tenants = Array.isArray(tenant) ? tenant : [tenant]
  return asSystem(() =>
    payload.create({
      collection: 'users',
      data: {
        email: `${unique(role)}@example.test`,
        password: PASSWORD,
        roles: ['user'],
        tenants: tenants.map((t) => ({ tenant: t.id, role })),
      },
      overrideAccess: true,
    }),
  )
}

export async function createSuperAdmin(payload: Payload): Promise<User> {
  return asSystem(() =>
    payload.create({
      collection: 'users',
      data: { email: `${unique('root')}@example.test`, password: PASSWORD, roles: ['super-admin'] },
      overrideAccess: true,
    }),
  )
}

export async function createProduct(payload: Payload, tenant: Tenant, data: Partial<Product> = {}): Promise<Product> {
  return asSystem(() =>
    payload.create({
      collection: 'products',
      data: { name: unique('Product'), sku: unique('SKU'), price: 1000, currency: 'BDT', stock: 5, status: 'active', tenant: tenant.id, ...data },
      overrideAccess: true,
    }),
  )
}

/** A plan with the given limits (unset = unlimited) and features (default: all channels). */
export async function createPlan(payload: Payload, limits: Partial<Plan['limits']> = {}, features: NonNullable<Plan['features']> = ['whatsapp', 'messenger', 'couriers']): Promise<Plan> {
  const slug = unique('plan')
  return asSystem(() =>
    payload.create({
      collection: 'plans',
      data: { name: slug, slug, priceMonthly: 0, priceYearly: 0, currency: 'BDT', limits, features },
      overrideAccess: true,
    }),
  )
}
