import type { Access } from 'payload'

import { CANARY_SLUG } from '../src/tenancy/canary-slug'
import { isSuperAdmin } from './isSuperAdmin'

/**
 * Who reads the tenant registry: any signed-in user (row-level security and the multi-tenant
 * plugin narrow staff to their own tenants); the super-admin every tenant but the isolation
 * canary, which is the platform's instrument, not a shop (src/platform-health/canary.ts).
 */
export const tenantsRead: Access = ({ req }) => {
  if (!req.user) return false
  return isSuperAdmin(req.user) ? { slug: { not_equals: CANARY_SLUG } } : true
}
