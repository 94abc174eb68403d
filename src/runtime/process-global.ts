/**
 * One value per process, whatever the number of copies of the module that asks. Next.js bundles
 * server code once for API routes and once for admin pages, so module-level state (an
 * AsyncLocalStorage, a cache) would otherwise exist twice: a tenant context entered through one
 * copy would be invisible to the database pool created by the other, and the page would read
 * with no tenant at all (row-level security then shows nothing — fail closed, but wrong).
 */
export function processGlobal<T>(name: string, create: () => T): T {
  const slot = globalThis as unknown as Record<symbol, T | undefined>
  const key = Symbol.for(`e-merkater:${name}`)
  return (slot[key] ??= create())
}
