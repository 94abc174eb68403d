import type { Payload, PayloadRequest } from 'payload'

import type { Tenant } from '../../payload-types'
import { CUSTOM_FIELD_DEFINITIONS, CUSTOM_FIELDS } from '../../plugins/branding'
import type { DemoCustomField } from './demo-data'

type Ctx = { payload: Payload; req: PayloadRequest }
type DemoField = { definition: DemoCustomField; values: ReadonlyArray<boolean | number | string> }

/**
 * A demo shop's custom field (plugins/branding, "Custom fields"): its definition, then a value on
 * each of the shop's first documents of that entity that has none yet (the i-th value on the i-th,
 * oldest first). Run after the shop's documents exist; created documents count toward `created`.
 */
export async function seedCustomField({ payload, req }: Ctx, tenant: Tenant, field: DemoField | undefined): Promise<number> {
  if (!field) return 0
  const system = { overrideAccess: true, req, depth: 0 } as const
  const { entity, key } = field.definition
  let created = 0
  const found = await payload.find({ collection: CUSTOM_FIELD_DEFINITIONS, where: { and: [{ tenant: { equals: tenant.id } }, { entity: { equals: entity } }, { key: { equals: key } }] }, limit: 1, ...system })
  if (!found.docs[0]) {
    const { options, ...rest } = field.definition
    await payload.create({ collection: CUSTOM_FIELD_DEFINITIONS, data: { ...rest, ...(options ? { options: options.map((o) => ({ ...o })) } : {}), tenant: tenant.id }, ...system })
    created++
  }
  const docs = (await payload.find({ collection: entity, where: { tenant: { equals: tenant.id } }, sort: 'createdAt', limit: field.values.length, ...system })).docs as { id: string; customFields?: unknown }[]
  for (const [i, doc] of docs.entries()) {
    const current = (doc.customFields ?? {}) as Record<string, unknown>
    if (current[key] !== undefined) continue
    await payload.update({ collection: entity, id: doc.id, data: { [CUSTOM_FIELDS]: { [key]: field.values[i] } }, ...system })
  }
  return created
}
