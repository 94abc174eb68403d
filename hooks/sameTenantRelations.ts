import type { CollectionBeforeChangeHook, CollectionSlug, Field, PayloadRequest } from 'payload'
import { ValidationError } from 'payload'
import { extractID } from 'payload/shared'

import { PERMISSIONS } from '../access/permissions'
import { memberships } from '../src/tenancy/memberships'

type Relation = { path: string; relationTo: string; value: unknown }

const TENANT_OWNED = new Set(Object.keys(PERMISSIONS))

/** Walk the data alongside the field config and collect every relationship/upload value. */
function collectRelations(fields: Field[], data: Record<string, unknown> | undefined, prefix = ''): Relation[] {
  if (!data) return []
  return fields.flatMap((field): Relation[] => {
    if ((field.type === 'row' || field.type === 'collapsible') && 'fields' in field) return collectRelations(field.fields, data, prefix)
    if (!('name' in field) || field.name === 'tenant') return []
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    if (field.type === 'group') return collectRelations(field.fields, value as Record<string, unknown>, `${path}.`)
    if (field.type === 'array' && Array.isArray(value)) {
      return value.flatMap((row, i) => collectRelations(field.fields, row as Record<string, unknown>, `${path}.${i}.`))
    }
    if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string' && value != null) {
      return (Array.isArray(value) ? value : [value]).map((v) => ({ path, relationTo: field.relationTo, value: v }))
    }
    return []
  })
}

async function tenantOfTargets(req: PayloadRequest, relationTo: string, ids: string[]): Promise<Map<string, string[]>> {
  const { docs } = await req.payload.find({
    collection: relationTo as CollectionSlug,
    where: { id: { in: ids } },
    depth: 0,
    limit: ids.length,
    overrideAccess: true,
    pagination: false,
    req,
  })
  return new Map(
    docs.map((doc) => {
      const record = doc as unknown as Record<string, unknown>
      const tenants = relationTo === 'users' ? memberships(record).map((m) => m.tenant) : [record.tenant ? String(extractID(record.tenant as string)) : '']
      return [String(doc.id), tenants]
    }),
  )
}

type TenantOf = (args: Parameters<CollectionBeforeChangeHook>[0]) => null | string

/**
 * Every relationship of a tenant-owned document must point inside its own tenant (products →
 * media, orders → customers/products, leads → users, ...). A violating write is a 400 that
 * names the field; a missing target reads the same, so ids of other tenants are not confirmed.
 * `tenantOf` says which tenant the document belongs to (its `tenant` field by default; for the
 * tenants collection, the document itself).
 */
export const sameTenantRelationsFor =
  (tenantOf: TenantOf): CollectionBeforeChangeHook =>
  async (args) => {
    const { collection, data, req } = args
    const tenant = tenantOf(args)
    if (!tenant) return data
    const relations = collectRelations(collection.fields, data).filter((r) => r.relationTo === 'users' || TENANT_OWNED.has(r.relationTo))
    const byTarget = new Map<string, Relation[]>()
    for (const relation of relations) byTarget.set(relation.relationTo, [...(byTarget.get(relation.relationTo) ?? []), relation])

    const errors: { path: string; message: string }[] = []
    for (const [relationTo, list] of byTarget) {
      const ids = [...new Set(list.map((r) => extractID(r.value as string)).filter(Boolean))]
      const owners = ids.length ? await tenantOfTargets(req, relationTo, ids) : new Map<string, string[]>()
      for (const relation of list) {
        const id = extractID(relation.value as string) // '' is no relation; beforeValidate refused non-ids
        if (!id || !owners.get(id)?.includes(tenant)) {
          const labels = req.payload.collections[relationTo as CollectionSlug]?.config.labels
          const label = typeof labels?.singular === 'string' ? labels.singular.toLowerCase() : relationTo
          errors.push({ path: relation.path, message: `This ${label} does not exist in this tenant.` })
        }
      }
    }
    if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req })
    return data
  }

/** For tenant-owned collections: the document's `tenant` field. */
export const sameTenantRelations = sameTenantRelationsFor(({ data, originalDoc }) => {
  const tenant = data.tenant ?? originalDoc?.tenant
  return tenant ? extractID(tenant) : null
})

/** For the tenants collection (branding.logo → media): the tenant document itself. */
export const sameTenantRelationsOfTenant = sameTenantRelationsFor(({ originalDoc, operation }) => (operation === 'update' ? (originalDoc?.id ?? null) : '__new-tenant-owns-nothing__'))
