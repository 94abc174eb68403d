/** What a shop may define (README, "Custom fields"). Pure: shared by the server, the import and the admin. */
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'money', 'date', 'select', 'checkbox', 'url'] as const
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number]

export const CUSTOM_FIELD_DEFINITIONS = 'custom-field-definitions'
/** The json field each configured collection gets. */
export const CUSTOM_FIELDS = 'customFields'

/** Slug-like, so a key is also a safe CSV column (`cf.<key>`) and query path (`customFields.<key>`). */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/
export const MAX_REGEX_LENGTH = 200
export const DEFAULT_TEXT_MAX = 500
export const MAX_TEXT_MAX = 5000
export const MAX_URL_LENGTH = 2000
export const MAX_OPTIONS = 100

/** One definition as the checks need it (a `custom-field-definitions` document, trimmed). */
export type CustomFieldDefinition = {
  id?: string
  entity: string
  key: string
  label: string
  type: CustomFieldType
  options?: { value: string; label?: null | string }[] | null
  required?: boolean | null
  regex?: null | string
  maxLength?: null | number
  default?: unknown
  description?: null | string
  position?: null | number
  archived?: boolean | null
}

export type FieldError = { path: string; message: string }
export type CustomValues = Record<string, unknown>
