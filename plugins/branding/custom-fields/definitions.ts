import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { invalidFields } from '../errors'
import type { ResolvedBrandingOptions } from '../options'
import { forgetDefinitions } from './load'
import { CUSTOM_FIELD_DEFINITIONS, CUSTOM_FIELD_TYPES, DEFAULT_TEXT_MAX, KEY_PATTERN, MAX_OPTIONS, MAX_REGEX_LENGTH, MAX_TEXT_MAX, type CustomFieldDefinition, type FieldError } from './types'
import { checkValue } from './values'

const idOf = (v: unknown): null | string => (v && typeof v === 'object' ? idOf((v as { id?: unknown }).id) : typeof v === 'string' || typeof v === 'number' ? String(v) || null : null)

/**
 * A pattern that nests quantifiers (`(a+)+`, `(\w*)*`, `(a|a)+`-like groups repeated) can take
 * exponential time on a crafted value; refused, with lookbehind and backreferences, which no
 * field format needs.
 */
const DANGEROUS = /\([^)]*[+*}][^)]*\)\s*[+*{]|\\[1-9]|\(\?<[=!]/

function regexProblem(source: string): null | string {
  if (source.length > MAX_REGEX_LENGTH) return `At most ${MAX_REGEX_LENGTH} characters.`
  if (DANGEROUS.test(source)) return 'Nested repetition, backreferences and lookbehind are not allowed (they can make a check take forever).'
  try {
    new RegExp(source, 'u')
    return null
  } catch (error) {
    return `Not a valid pattern: ${(error as Error).message}`
  }
}

/** A definition's own problems: its key, options, pattern and default (which must pass the definition). */
export function definitionProblems(def: CustomFieldDefinition, entities: readonly string[]): FieldError[] {
  const errors: FieldError[] = []
  if (!entities.includes(def.entity)) errors.push({ path: 'entity', message: `One of ${entities.join(', ')}.` })
  if (typeof def.key !== 'string' || !KEY_PATTERN.test(def.key)) errors.push({ path: 'key', message: 'Lower-case letters, digits and _, starting with a letter; at most 40 characters (e.g. warranty_months).' })
  if (!CUSTOM_FIELD_TYPES.includes(def.type)) errors.push({ path: 'type', message: `One of ${CUSTOM_FIELD_TYPES.join(', ')}.` })
  const options = def.options ?? []
  if (def.type === 'select') {
    if (options.length === 0) errors.push({ path: 'options', message: 'A select needs at least one option.' })
    if (options.length > MAX_OPTIONS) errors.push({ path: 'options', message: `At most ${MAX_OPTIONS} options.` })
    const seen = new Set<string>()
    options.forEach((o, i) => {
      if (seen.has(o.value)) errors.push({ path: `options.${i}.value`, message: `“${o.value}” is already an option.` })
      seen.add(o.value)
    })
  } else if (options.length > 0) errors.push({ path: 'options', message: 'Only a select has options.' })
  if (def.regex) {
    if (def.type !== 'text') errors.push({ path: 'regex', message: 'Only a text field has a pattern.' })
    else {
      const problem = regexProblem(def.regex)
      if (problem) errors.push({ path: 'regex', message: problem })
    }
  }
  if (def.maxLength != null && (def.type !== 'text' || !Number.isInteger(def.maxLength) || def.maxLength < 1 || def.maxLength > MAX_TEXT_MAX)) {
    errors.push({ path: 'maxLength', message: def.type === 'text' ? `A whole number from 1 to ${MAX_TEXT_MAX} (default ${DEFAULT_TEXT_MAX}).` : 'Only a text field has a maximum length.' })
  }
  if (errors.length === 0 && def.default !== undefined && def.default !== null) {
    const checked = checkValue(def, def.default)
    if (!checked.ok) errors.push({ path: 'default', message: `The default must be a valid value: ${checked.error}` })
  }
  return errors
}

/**
 * Before a definition is saved: it is checked as a whole (the stored one with the change over
 * it); its entity and key never change once created (values are stored under the key); the key is
 * unique among the shop's definitions for the entity (checked here, in the shop's row-level
 * security context: a unique index per tenant would not suit the permission matrix's fixtures).
 * A type change is allowed: stored values are checked against the new type when next written.
 */
const checkDefinition =
  (options: ResolvedBrandingOptions): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, operation, req }) => {
    // What belongs to another type goes when the type changes (a select's options, a text's pattern and length).
    const type = (data.type ?? originalDoc?.type) as CustomFieldDefinition['type']
    const retyped = operation === 'update' && Boolean(originalDoc?.type && data.type && data.type !== originalDoc.type)
    const cleared = retyped ? { ...(type !== 'select' ? { options: [] } : {}), ...(type !== 'text' ? { regex: null, maxLength: null } : {}) } : {}
    const merged = { ...(originalDoc ?? {}), ...data, ...cleared } as CustomFieldDefinition & { tenant?: unknown }
    const errors = definitionProblems(merged, options.customFields.collections)
    if (operation === 'update' && originalDoc) {
      if ('key' in data && data.key !== originalDoc.key) errors.push({ path: 'key', message: 'The key cannot change (values are stored under it); archive this field and define a new one.' })
      if ('entity' in data && data.entity !== originalDoc.entity) errors.push({ path: 'entity', message: 'The entity cannot change; define the field on the other entity instead.' })
    }
    const tenant = idOf(merged.tenant)
    if (errors.length === 0 && tenant) {
      const clash = await req.payload.count({
        collection: CUSTOM_FIELD_DEFINITIONS,
        where: { and: [{ tenant: { equals: tenant } }, { entity: { equals: merged.entity } }, { key: { equals: merged.key } }, ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : [])] },
        overrideAccess: true,
        req,
      })
      if (clash.totalDocs > 0) errors.push({ path: 'key', message: `This shop already has a ${merged.entity} field “${merged.key}”.` })
    }
    if (errors.length) throw invalidFields(errors)
    return { ...data, ...cleared }
  }

/** The request's cached definitions are stale once one changes (an import or seed that defines, then writes). */
const forget: CollectionAfterChangeHook = ({ doc, req }) => {
  forgetDefinitions(req)
  return doc
}

/** The shop's custom field definitions (README, "Custom fields"): tenant-owned, its tenant-admins write them, its staff read them. */
export function customFieldDefinitionsCollection(options: ResolvedBrandingOptions): CollectionConfig {
  return options.tenantOwned({
    slug: CUSTOM_FIELD_DEFINITIONS,
    labels: { singular: 'Custom field', plural: 'Custom fields' },
    graphQL: { singularName: 'CustomFieldDefinition', pluralName: 'CustomFieldDefinitions' },
    admin: {
      useAsTitle: 'label',
      defaultColumns: ['label', 'key', 'entity', 'type', 'required', 'archived'],
      group: 'Shop',
      description: 'Your own fields on products, customers, orders and leads: shown in their edit views, checked on every save, in imports and exports.',
    },
    defaultSort: 'position',
    hooks: { beforeChange: [checkDefinition(options)], afterChange: [forget], afterDelete: [({ req }) => forgetDefinitions(req)] },
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'entity', type: 'select', required: true, options: options.customFields.collections.map((c) => ({ label: c, value: c })) },
          { name: 'key', type: 'text', required: true, maxLength: 40, admin: { description: 'e.g. warranty_months: the API’s and the CSV’s name for it; cannot change later.' } },
          { name: 'label', type: 'text', required: true, maxLength: 80 },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'type', type: 'select', required: true, defaultValue: 'text', options: CUSTOM_FIELD_TYPES.map((t) => ({ label: t, value: t })) },
          { name: 'required', type: 'checkbox', defaultValue: false },
          { name: 'archived', type: 'checkbox', defaultValue: false, admin: { description: 'Hidden from forms; stored values kept; takes no new values.' } },
        ],
      },
      {
        name: 'options',
        type: 'array',
        maxRows: MAX_OPTIONS,
        admin: { condition: (_, sibling) => sibling?.type === 'select', description: 'The choices of a select.' },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'value', type: 'text', required: true, maxLength: 60 },
              { name: 'label', type: 'text', maxLength: 80 },
            ],
          },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'regex', type: 'text', maxLength: MAX_REGEX_LENGTH, admin: { condition: (_, sibling) => sibling?.type === 'text', description: 'A pattern the text must match, e.g. ^[A-Z]{2}-\\d{4}$.' } },
          { name: 'maxLength', type: 'number', admin: { condition: (_, sibling) => sibling?.type === 'text', description: `Default ${DEFAULT_TEXT_MAX}, at most ${MAX_TEXT_MAX}.` } },
        ],
      },
      { name: 'default', type: 'json', admin: { description: 'Given to new documents that send no value (money in minor units, e.g. 45000; a date as 2026-12-31).' } },
      { name: 'description', type: 'text', maxLength: 200 },
      { name: 'position', type: 'number', defaultValue: 0, admin: { description: 'Lower first.' } },
    ],
  })
}
