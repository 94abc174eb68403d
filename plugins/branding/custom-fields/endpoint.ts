import type { Endpoint } from 'payload'

import { fail } from '../errors'
import { hostOf } from '../options'
import { loadDefinitions } from './load'

const STAFF = ['tenant-admin', 'marketing-manager', 'sales-operator', 'support-agent'] as const

/**
 * GET /api/tenant/custom-fields?entity=products[&tenant=] — the shop's custom field definitions
 * for one entity (archived ones flagged), its currency and that currency's decimals: what the
 * admin's edit view draws its inputs from. The shop's staff (the super-admin: any shop).
 */
export const customFieldsEndpoint: Endpoint = {
  path: '/tenant/custom-fields',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const entity = typeof req.query?.entity === 'string' ? req.query.entity : ''
    if (!options.customFields.collections.includes(entity))
      throw fail('invalid_input', `Name the entity: ?entity= one of ${options.customFields.collections.join(', ')}.`, 400, { errors: [{ path: 'entity', message: 'Unknown entity.' }] })
    const tenantId = await options.tenancy.endpointTenant(req, { roles: STAFF, signIn: 'Sign in first.', choose: 'Name the shop: ?tenant=<id>.', forbidden: 'You are not staff of this shop.' })
    return options.tenancy.runWithTenant({ tenantId, via: 'user', ...(req.user ? { userId: String(req.user.id) } : {}) }, async () => {
      const definitions = await loadDefinitions(req, tenantId, entity)
      const sys = await options.systemReq(req)
      const tenant = await req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req: sys, select: { currency: true } })
      const currency = tenant.currency ?? 'BDT'
      return Response.json({
        entity,
        currency,
        minorDigits: options.money.minorDigits(currency),
        definitions: definitions.map((d) => ({
          key: d.key,
          label: d.label,
          type: d.type,
          options: (d.options ?? []).map((o) => ({ value: o.value, label: o.label || o.value })),
          required: Boolean(d.required),
          regex: d.regex ?? null,
          maxLength: d.maxLength ?? null,
          default: d.default ?? null,
          description: d.description ?? null,
          archived: Boolean(d.archived),
        })),
      })
    })
  },
}
