import { DEFAULT_TEXT_MAX, MAX_URL_LENGTH, type CustomFieldDefinition, type CustomValues, type FieldError } from './types'

/** A checked value, or why not in words. `null` means "no value" (the key is left out). */
export type Checked = { ok: true; value: unknown } | { ok: false; error: string }

const ok = (value: unknown): Checked => ({ ok: true, value })
const no = (error: string): Checked => ({ ok: false, error })

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** `2026-02-30` is not a date: the parts must survive a round trip through Date. */
function checkDate(value: string): Checked {
  const day = DATE_ONLY.exec(value)
  if (day) {
    const d = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.getUTCMonth() + 1 === Number(day[2]) && d.getUTCDate() === Number(day[3]) ? ok(value) : no(`Not a real date: ${value}.`)
  }
  if (DATE_TIME.test(value) && !Number.isNaN(new Date(value).getTime())) return ok(new Date(value).toISOString())
  return no('A date like 2026-12-31 (or an ISO date-time like 2026-12-31T09:30:00Z).')
}

function checkUrl(value: string): Checked {
  if (value.length > MAX_URL_LENGTH) return no(`A link of at most ${MAX_URL_LENGTH} characters.`)
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? ok(url.href) : no('Only http:// and https:// links.')
  } catch {
    return no('A full link like https://example.com/page.')
  }
}

/** The regex of a text definition; a definition's own check (definitions.ts) has compiled it once already. */
const regexOf = (source: string): null | RegExp => {
  try {
    return new RegExp(source, 'u')
  } catch {
    return null
  }
}

/**
 * One value as the API sends it (JSON), checked and normalised against its definition: text (at
 * most maxLength, the regex matching), number (finite), money (whole minor units, ≥ 0, as every
 * amount of the API), date (ISO), select (one of the option values), checkbox (true/false), url
 * (http or https). `null`, `undefined` and empty text are "no value".
 */
export function checkValue(def: CustomFieldDefinition, value: unknown): Checked {
  if (value === null || value === undefined || value === '') return ok(null)
  switch (def.type) {
    case 'text': {
      if (typeof value !== 'string') return no('Text.')
      const max = def.maxLength ?? DEFAULT_TEXT_MAX
      if (value.length > max) return no(`At most ${max} characters.`)
      const re = def.regex ? regexOf(def.regex) : null
      return re && !re.test(value) ? no(`Does not match the pattern ${def.regex}.`) : ok(value)
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? ok(value) : no('A number.')
    case 'money':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? ok(value) : no('An amount in minor units (a whole number ≥ 0, e.g. 445850 for 4458.50).')
    case 'date':
      return typeof value === 'string' ? checkDate(value) : no('A date like 2026-12-31.')
    case 'select': {
      const values = (def.options ?? []).map((o) => o.value)
      return typeof value === 'string' && values.includes(value) ? ok(value) : no(`One of ${values.map((v) => JSON.stringify(v)).join(', ')}.`)
    }
    case 'checkbox':
      return typeof value === 'boolean' ? ok(value) : no('true or false.')
    case 'url':
      return typeof value === 'string' ? checkUrl(value) : no('A link like https://example.com.')
  }
}

/** `450`, `450.5`, `450.00` (major units, at most `digits` decimals) → minor units, without floats. */
export function majorToMinor(raw: string, digits = 2): Checked {
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(raw.replace(/[\s_,]/g, ''))
  if (!match || (match[2] ?? '').length > digits) return no(`An amount like ${digits ? `450.${'0'.repeat(digits)}` : '450'} (got "${raw}").`)
  return ok(Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || '0'))
}

/** Minor units as the major-unit text an input shows and the import reads (445850, 2 → `4458.50`). */
export function minorToMajor(minor: number, digits = 2): string {
  if (digits === 0) return String(minor)
  const text = String(Math.abs(minor)).padStart(digits + 1, '0')
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/**
 * One CSV cell (the import) as the value its definition takes: numbers and booleans read from
 * text, amounts in major units like every amount of the import (`450.00`), the rest as text; then
 * the same check as the API's.
 */
export function valueFromText(def: CustomFieldDefinition, raw: string, digits = 2): Checked {
  const text = raw.trim()
  if (text === '') return ok(null)
  switch (def.type) {
    case 'number': {
      const n = Number(text)
      return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) && Number.isFinite(n) ? ok(n) : no(`A number (got "${raw}").`)
    }
    case 'money': {
      const minor = majorToMinor(text, digits)
      return minor.ok ? checkValue(def, minor.value) : minor
    }
    case 'checkbox': {
      const t = text.toLowerCase()
      if (['true', 'yes', '1', 'y'].includes(t)) return ok(true)
      if (['false', 'no', '0', 'n'].includes(t)) return ok(false)
      return no(`true or false (got "${raw}").`)
    }
    default:
      return checkValue(def, text)
  }
}

export type Applied = { ok: true; value: CustomValues } | { ok: false; errors: FieldError[] }

type ApplyOptions = {
  /** A create: missing keys get their definition's default. */
  create: boolean
  /** Refuse a missing required value (every write a person or key makes; README on system writes). */
  enforceRequired: boolean
  /** Where the errors point (`customFields`). */
  prefix: string
}

/**
 * The values a write sends, merged over the stored ones (a key sent as null is removed), against
 * the shop's definitions for the entity: an unknown or archived key is refused, each sent value
 * checked and normalised, defaults filled on create, required ones enforced. Stored values of
 * keys not sent, or sent unchanged, are kept as they are (a definition changed since is checked
 * when its value is next changed). Every problem names `<prefix>.<key>`.
 */
export function applyValues(defs: CustomFieldDefinition[], sent: unknown, stored: CustomValues, options: ApplyOptions): Applied {
  const { prefix } = options
  if (sent !== null && sent !== undefined && (typeof sent !== 'object' || Array.isArray(sent)))
    return { ok: false, errors: [{ path: prefix, message: 'An object of custom field values, e.g. { "color": "red" }.' }] }
  const byKey = new Map(defs.map((d) => [d.key, d]))
  const errors: FieldError[] = []
  const next: CustomValues = { ...stored }
  for (const [key, value] of Object.entries((sent ?? {}) as CustomValues)) {
    const def = byKey.get(key)
    const path = `${prefix}.${key}`
    // A stored value sent back as it is (the admin sends the whole object) is not a new value:
    // kept, even under a deleted or archived field or a changed type, until it is changed.
    if (key in stored && JSON.stringify(stored[key]) === JSON.stringify(value)) continue
    // No value removes one, whatever its field (a deleted field's value can be cleared too).
    if (value === null || value === undefined || value === '') delete next[key]
    else if (!def) errors.push({ path, message: 'Not a custom field of this shop.' })
    else if (def.archived) errors.push({ path, message: `“${def.label}” is archived: it takes no new values.` })
    else {
      const checked = checkValue(def, value)
      if (!checked.ok) errors.push({ path, message: `${def.label}: ${checked.error}` })
      else next[key] = checked.value
    }
  }
  for (const def of defs) {
    if (def.archived) continue
    const missing = next[def.key] === undefined || next[def.key] === null
    const sentNull = sent && typeof sent === 'object' && key(sent, def.key) === null
    if (missing && options.create && !sentNull && def.default !== undefined && def.default !== null) next[def.key] = def.default
    const already = errors.some((e) => e.path === `${prefix}.${def.key}`)
    if ((next[def.key] === undefined || next[def.key] === null) && def.required && options.enforceRequired && !already) errors.push({ path: `${prefix}.${def.key}`, message: `${def.label} is required.` })
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: next }
}

const key = (o: object, k: string) => (o as CustomValues)[k]
