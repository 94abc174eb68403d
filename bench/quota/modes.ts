import { createLocalReq, type Payload } from 'payload'

import { forgetTenantQuotas, QUOTA_HOOK, tenantQuota } from '../../plugins/quotas'
import type { Shop } from './seed'

/**
 * The modes, toggled call by call. The hook arrays of each mode, per collection, are swapped
 * into `payload.collections[slug].config.hooks` between calls (Payload reads them at every
 * operation); calls run one at a time, so no operation is in flight during a swap.
 *
 * - `with`:    the config as built, with the tenant's quota in the process cache (tenant-quota.ts)
 *              — the steady state. `ready()` makes sure of it, untimed: a `cold` call just before
 *              emptied the cache, and entries expire after `cacheSeconds`.
 * - `cold`:    the config as built, with the process cache emptied just before the call
 *              (`forgetTenantQuotas`), as the first create after the TTL, or the first on another
 *              app instance, finds it: the quota is read from the database (one statement).
 * - `without`: the same arrays with every hook marked QUOTA_HOOK removed.
 */
export const MODES = ['with', 'cold', 'without'] as const
export type Mode = (typeof MODES)[number]
/** Modes that run the plugin's hooks. */
export const QUOTA_MODES: readonly Mode[] = ['with', 'cold']

type Hook = ((...args: never[]) => unknown) & { [QUOTA_HOOK]?: boolean }
type HookArrays = Record<string, Hook[] | undefined>
type Hooked = { config: { hooks: HookArrays } }

export const isQuotaHook = (hook: unknown): boolean => typeof hook === 'function' && (hook as Hook)[QUOTA_HOOK] === true

const hooksOf = (payload: Payload, slug: string): HookArrays => (payload.collections[slug as 'products'] as unknown as Hooked).config.hooks

/**
 * Empty the plugin's process cache of tenant quotas. `forgetTenantQuotas` takes a request only to
 * drop that request's memo as well; here there is none, so a bare context does.
 */
export const emptyQuotaCache = (): void => forgetTenantQuotas()

/** Untimed, before a call in `mode` for `shop`: put the process cache in the state the mode measures. */
export async function ready(payload: Payload, mode: Mode, shop: Shop): Promise<void> {
  if (mode === 'cold') emptyQuotaCache()
  // A cache hit costs nothing; after a `cold` call or past the TTL this reads and caches the quota.
  if (mode === 'with') await tenantQuota(await createLocalReq({ user: { ...shop.user, collection: 'users' } as never }, payload), shop.tenant.id)
}

export type ModeSwitch = {
  /** Install `mode`'s hook arrays on every prepared collection. */
  use: (mode: Mode) => void
  /** The marked hooks per collection and hook name, as built (for the printout). */
  marked: Record<string, Record<string, number>>
  /**
   * Replace the prepared arrays by copies whose marked hooks count their calls (sanity probes
   * only; `restore` puts the real arrays back).
   */
  instrument: () => { calls: () => number; restore: () => void }
}

/** Prepare the modes' hook arrays for `slugs`. */
export function prepareModes(payload: Payload, slugs: readonly string[]): ModeSwitch {
  const built: Record<string, HookArrays> = {}
  const without: Record<string, HookArrays> = {}
  const marked: Record<string, Record<string, number>> = {}
  for (const slug of slugs) {
    ;[built[slug], without[slug], marked[slug]] = [{}, {}, {}]
    for (const [name, list] of Object.entries(hooksOf(payload, slug))) {
      if (!Array.isArray(list) || !list.some(isQuotaHook)) continue
      marked[slug][name] = list.filter(isQuotaHook).length
      built[slug][name] = list
      without[slug][name] = list.filter((hook) => !isQuotaHook(hook))
    }
    if (Object.keys(marked[slug]).length === 0) throw new Error(`no hook marked QUOTA_HOOK on ${slug}: is plugins/quotas installed?`)
  }
  let withHooks = built
  const arraysOf = (mode: Mode) => (mode === 'without' ? without : withHooks)
  const install = (set: Record<string, HookArrays>) => {
    for (const [slug, byName] of Object.entries(set)) {
      const hooks = hooksOf(payload, slug)
      for (const [name, list] of Object.entries(byName)) hooks[name] = list
    }
  }
  let current: Mode = 'with'
  return {
    marked,
    use: (mode) => {
      current = mode
      install(arraysOf(mode))
    },
    instrument: () => {
      let calls = 0
      const counting = (hook: Hook): Hook => {
        const wrapped = ((...args: never[]) => {
          calls++
          return hook(...args)
        }) as Hook
        wrapped[QUOTA_HOOK] = true
        return wrapped
      }
      withHooks = Object.fromEntries(
        Object.entries(built).map(([slug, byName]) => [slug, Object.fromEntries(Object.entries(byName).map(([name, list]) => [name, list!.map((hook) => (isQuotaHook(hook) ? counting(hook) : hook))]))]),
      )
      install(arraysOf(current))
      return {
        calls: () => calls,
        restore: () => {
          withHooks = built
          install(arraysOf(current))
        },
      }
    },
  }
}
