import type { CollectionBeforeChangeHook, CollectionConfig, Field } from 'payload'

import { invalidFields } from '../errors'
import { loadDefinitions } from './load'
import { CUSTOM_FIELDS, type CustomValues } from './types'
import { applyValues } from './values'

const idOf = (v: unknown): null | string => (v && typeof v === 'object' ? idOf((v as { id?: unknown }).id) : typeof v === 'string' || typeof v === 'number' ? String(v) || null : null)
const objectOr = (v: unknown): CustomValues => (v && typeof v === 'object' && !Array.isArray(v) ? (v as CustomValues) : {})
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * The values of a write against the document's shop's definitions (values.ts `applyValues`): on
 * create always (defaults, required), on update when `customFields` is sent and differs from the
 * stored value (sent keys merged over the stored ones). A beforeChange hook, so it runs for every
 * write — REST, GraphQL, the Local API, the CSV import — after Payload's own field checks, with
 * the definitions read in the write's own transaction and tenant context. Required values are
 * enforced for writes a person makes (`req.user`); the platform's own writes (a storefront
 * checkout, an inbound lead) get defaults and checked values but are not refused for a missing
 * one: an order or lead lost to a form setting would be worse.
 */
const checkCustomFields =
  (entity: string): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, operation, req }) => {
    const create = operation === 'create'
    if (!create && (!(CUSTOM_FIELDS in data) || same(data[CUSTOM_FIELDS], originalDoc?.[CUSTOM_FIELDS]))) return data
    const tenantId = idOf(data.tenant ?? originalDoc?.tenant)
    if (!tenantId) return data
    const defs = await loadDefinitions(req, tenantId, entity)
    if (defs.length === 0 && (data[CUSTOM_FIELDS] === undefined || data[CUSTOM_FIELDS] === null)) return data
    const applied = applyValues(defs, data[CUSTOM_FIELDS], create ? {} : objectOr(originalDoc?.[CUSTOM_FIELDS]), { create, enforceRequired: Boolean(req.user), prefix: CUSTOM_FIELDS })
    if (!applied.ok) throw invalidFields(applied.errors)
    return { ...data, [CUSTOM_FIELDS]: Object.keys(applied.value).length ? applied.value : null }
  }

const customFieldsField = (entity: string): Field => ({
  name: CUSTOM_FIELDS,
  type: 'json',
  label: 'Custom fields',
  admin: {
    description: 'Your shop’s own fields (Shop › Custom fields).',
    components: {
      Field: { path: '/plugins/branding/custom-fields/admin/CustomFieldsField#CustomFieldsField', clientProps: { entity } },
      Cell: { path: '/plugins/branding/custom-fields/admin/CustomFieldsCell#CustomFieldsCell', serverProps: { entity } },
    },
  },
})

/** A configured collection (products, customers, orders, leads) with the `customFields` json field and its check. */
export function withCustomFields(collection: CollectionConfig): CollectionConfig {
  if (collection.fields.some((f) => 'name' in f && f.name === CUSTOM_FIELDS)) throw new Error(`plugins/branding: ${collection.slug} already has a ${CUSTOM_FIELDS} field.`)
  return {
    ...collection,
    fields: [...collection.fields, customFieldsField(collection.slug)],
    hooks: { ...collection.hooks, beforeChange: [...(collection.hooks?.beforeChange ?? []), checkCustomFields(collection.slug)] },
  }
}
