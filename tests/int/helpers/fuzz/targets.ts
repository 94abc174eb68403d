import type { SanitizedConfig } from 'payload'

import type { CallerName } from './world'

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT'

/** What a guard may change before a request is sent: its query pairs and its JSON body. */
export type Draft = { query: [string, string][]; json: unknown; caller: CallerName }
/** Deterministic choices for a guard (from the request's generated salt). */
export type Chooser = <T>(choices: readonly T[]) => T
/** Makes a generated request one the app must refuse (or that can store nothing), whatever else it carries. */
export type Guard = (draft: Draft, pick: Chooser, ctx: { writeId: (collection?: string) => string; notAnEmail: () => unknown }) => void

/**
 * One route of the API, as the config declares it. `write`: a request that could change data.
 * `mustRefuse`: the fuzz builds every request to it so that it cannot succeed (poisoned body,
 * an id that is not the caller's); a 2xx is then a finding. `callers`: who is sent to it (default
 * everyone).
 */
export type Target = {
  name: string
  method: Method
  /** Path pattern under /api, e.g. `/products/:id`, `/tenants/:id/invite`. */
  pattern: string
  collection?: string
  /** Payload's own route (default CRUD, auth, upload, preferences, jobs), not one the app added. */
  builtin: boolean
  write: boolean
  mustRefuse: boolean
  callers?: readonly CallerName[]
  guard?: Guard
}

/** Payload's own routes of every collection (collections/endpoints, auth/endpoints, uploads/endpoints). */
const BUILTIN = new Set([
  'get /count',
  'post /',
  'delete /',
  'delete /:id',
  'post /access/:id?',
  'get /versions',
  'post /:id/duplicate',
  'get /',
  'get /:id',
  'get /versions/:id',
  'post /versions/:id',
  'patch /',
  'patch /:id',
  'post /forgot-password',
  'get /init',
  'post /login',
  'post /logout',
  'get /me',
  'post /refresh-token',
  'post /first-register',
  'post /reset-password',
  'post /unlock',
  'post /verify/:id',
  'post /:id/api-key/reveal',
  'get /paste-url/:id?',
  'get /file/:filename',
])
const BUILTIN_OF: Record<string, string[]> = {
  'payload-preferences': ['get /:key', 'delete /:key', 'post /:key'],
  'payload-jobs': ['get /run', 'get /handle-schedules'],
}
const BUILTIN_ROOT = new Set(['get /access'])

const ANONYMOUS_ONLY = ['anonymous'] as const

/** A query parameter the guard sets, replacing whatever the generator put under that name. */
const setParam = (draft: Draft, name: string, value: string) => {
  draft.query = draft.query.filter(([key]) => key !== name && !key.startsWith(`${name}[`))
  draft.query.push([name, value])
}
const asObject = (draft: Draft): Record<string, unknown> | null => (draft.json && typeof draft.json === 'object' && !Array.isArray(draft.json) ? (draft.json as Record<string, unknown>) : null)

/**
 * Per route (`<collection> <method> <path>` or `<method> <path>` under any collection, or the
 * path under /api for the root endpoints): how to make a generated request harmless. Routes not
 * listed get the generic treatment of their kind.
 */
const GUARDS: Record<string, Partial<Pick<Target, 'mustRefuse' | 'callers' | 'guard'>>> = {
  // A signed-in caller would end its own session (and the fuzz's next requests).
  'post /logout': { callers: ANONYMOUS_ONLY },
  'post /refresh-token': { callers: ANONYMOUS_ONLY },
  // A signed-in caller's preferences are stored whatever the body (Payload sets the user itself): strangers only.
  'payload-preferences post /:key': { callers: ANONYMOUS_ONLY },
  'payload-preferences post /': { callers: ANONYMOUS_ONLY },
  // Never a real account's email (a failed sign-in counts against it), so never a success.
  'post /login': { mustRefuse: true },
  'post /first-register': { mustRefuse: true },
  'post /reset-password': { mustRefuse: true },
  'post /verify/:id': { mustRefuse: true },
  'post /:id/api-key/reveal': { mustRefuse: true },
  // Self-signup and invitations: the email is never an address, so nothing is created.
  'post /signup': {
    mustRefuse: true,
    guard: (draft, _pick, ctx) => {
      const body = asObject(draft)
      if (body) body.email = ctx.notAnEmail()
    },
  },
  'post /:id/invite': {
    mustRefuse: true,
    guard: (draft, _pick, ctx) => {
      const body = asObject(draft)
      if (body) body.email = ctx.notAnEmail()
    },
  },
  'post /accept': { mustRefuse: true },
  // An export of a shop the caller cannot export (a garbled id, an unknown one, another shop's).
  'post /request': {
    mustRefuse: true,
    guard: (draft, _pick, ctx) => setParam(draft, 'tenant', ctx.writeId('tenants')),
  },
  // Imports are dry runs (the default) unless `dryRun` says false: it never does here.
  '/imports/:collection': {
    guard: (draft, pick) => {
      const dryRun = draft.query.find(([key]) => key === 'dryRun')?.[1]
      if (dryRun !== undefined && ['false', '0'].includes(dryRun.trim())) setParam(draft, 'dryRun', pick(['true', '1', '']))
      draft.query = draft.query.filter(([key]) => !key.startsWith('dryRun['))
    },
  },
  // Orders of products that do not exist (the generator never names a real SKU or product id).
  '/storefront/orders': { mustRefuse: true },
  // Template sync of a number that is not the caller's.
  'post /sync': {
    mustRefuse: true,
    guard: (draft, _pick, ctx) => {
      const body = asObject(draft)
      if (body) body.number = ctx.writeId('numbers')
    },
  },
}

/**
 * Payload's validation refuses the whole document when one field is wrong: a required field
 * set to null, a select set to no option, an email field set to no address. The create bodies
 * of the fuzz carry one such field (chosen per collection from its config), so a create never
 * succeeds however the rest of the body looks — while every other field still goes through
 * validation and the hooks before it.
 */
export type Poison = { field: string; value: unknown }

type FieldLike = { name?: string; type?: string; required?: boolean; defaultValue?: unknown; options?: unknown[]; hasMany?: boolean; relationTo?: unknown }

export function poisonsOf(fields: FieldLike[]): Poison[] {
  const poisons: Poison[] = []
  for (const field of fields) {
    if (!field.name) continue
    if (field.required && field.defaultValue === undefined) poisons.push({ field: field.name, value: null })
    if (field.type === 'select' && Array.isArray(field.options) && field.options.length > 0 && !field.hasMany) poisons.push({ field: field.name, value: 'fuzz-not-an-option' })
    if (field.type === 'email') poisons.push({ field: field.name, value: 'not-an-email' })
  }
  return poisons
}

/**
 * Every route of the API, from the running config: each collection's endpoints (Payload's own
 * CRUD/auth/upload routes and the ones the app or its plugins added, so a new endpoint is fuzzed
 * as soon as it exists) and the root endpoints; GraphQL is a target of its own.
 */
export function targetsOf(config: SanitizedConfig): Target[] {
  const targets: Target[] = []
  const add = (collection: string | undefined, method: string, path: string) => {
    const m = method.toUpperCase() as Method
    const pattern = `${collection ? `/${collection}` : ''}${path === '/' ? '' : path}` || '/'
    const local = `${method.toLowerCase()} ${path}`
    const builtin = collection ? BUILTIN.has(local) || (BUILTIN_OF[collection] ?? []).includes(local) : BUILTIN_ROOT.has(local)
    const write = m !== 'GET' && local !== 'post /access/:id?'
    // Payload's generic writes: create is poisoned, by-id writes get an id that is not the caller's.
    const generic: Partial<Target> = local === 'post /' || /^(patch|delete) \/:id$|^post \/(:id\/duplicate|versions\/:id)$/.test(local) ? { mustRefuse: true } : {}
    // Custom `/:id/...` actions aim at documents that are not the caller's, so they cannot succeed.
    const action: Partial<Target> = !builtin && write && /^\/:id\//.test(path) ? { mustRefuse: true } : {}
    const guard = (collection ? (GUARDS[`${collection} ${local}`] ?? GUARDS[local]) : GUARDS[pattern]) ?? {}
    targets.push({ name: `${m} ${pattern}`, method: m, pattern, collection, builtin, write, mustRefuse: false, ...generic, ...action, ...guard })
  }
  for (const collection of config.collections) {
    for (const endpoint of collection.endpoints || []) add(collection.slug, endpoint.method, endpoint.path)
  }
  for (const endpoint of config.endpoints ?? []) add(undefined, endpoint.method, endpoint.path)
  return targets
}
