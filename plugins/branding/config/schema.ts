/**
 * A small schema language for a shop's configuration (README, "Configuration API"): each key has
 * a default and a check; `applySchema` validates a partial object against it, fills missing keys
 * with the defaults, refuses unknown keys, and names every bad field by its path.
 */
export type FieldError = { path: string; message: string }
export type Check = (value: unknown, path: string) => FieldError[]
export type Schema = Record<string, { default: unknown; check: Check; description: string }>

const err = (path: string, message: string): FieldError[] => [{ path, message }]

export const checks = {
  boolean: (): Check => (v, p) => (typeof v === 'boolean' ? [] : err(p, 'true or false.')),
  integer:
    (min: number, max: number): Check =>
    (v, p) =>
      Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? [] : err(p, `A whole number from ${min} to ${max}.`),
  oneOf:
    (values: readonly (null | string)[]): Check =>
    (v, p) =>
      values.includes(v as null | string) ? [] : err(p, `One of ${values.map((x) => JSON.stringify(x)).join(', ')}.`),
  text:
    (max: number, { nullable = false, pattern }: { nullable?: boolean; pattern?: { re: RegExp; message: string } } = {}): Check =>
    (v, p) => {
      if (v === null && nullable) return []
      if (typeof v !== 'string' || v.length > max) return err(p, `Text of at most ${max} characters${nullable ? ', or null' : ''}.`)
      return pattern && !pattern.re.test(v) ? err(p, pattern.message) : []
    },
  object:
    (fields: Record<string, Check>): Check =>
    (v, p) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return err(p, 'An object.')
      const o = v as Record<string, unknown>
      return [
        ...Object.keys(o)
          .filter((k) => !(k in fields))
          .flatMap((k) => err(`${p}.${k}`, 'Not a known setting.')),
        ...Object.entries(fields).flatMap(([k, c]) => (k in o ? c(o[k], `${p}.${k}`) : [])),
      ]
    },
}

/** Defaults merged one level deep: `{ businessHours: { start } }` keeps the default `end`. */
const merge = (base: unknown, given: unknown): unknown =>
  base && typeof base === 'object' && !Array.isArray(base) && given && typeof given === 'object' && !Array.isArray(given) ? { ...base, ...given } : given

/** The full configuration from `input` (defaults filled), or the fields that are wrong. */
export function applySchema(schema: Schema, input: unknown, current: Record<string, unknown> = {}): { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: err('body', 'Send a JSON object of settings.') }
  const given = input as Record<string, unknown>
  const errors: FieldError[] = Object.keys(given)
    .filter((k) => !(k in schema))
    .map((k) => ({ path: k, message: `Not a known setting (known: ${Object.keys(schema).join(', ')}).` }))
  const value: Record<string, unknown> = {}
  for (const [key, spec] of Object.entries(schema)) {
    const v = key in given ? merge(current[key] ?? spec.default, given[key]) : merge(spec.default, current[key] ?? spec.default)
    const wrong = spec.check(v, key)
    if (key in given) errors.push(...wrong)
    value[key] = wrong.length && !(key in given) ? spec.default : v
  }
  return errors.length ? { ok: false, errors } : { ok: true, value }
}

/** The defaults alone (what GET answers for a shop that never saved any). */
export const defaultsOf = (schema: Schema): Record<string, unknown> => Object.fromEntries(Object.entries(schema).map(([k, s]) => [k, s.default]))
