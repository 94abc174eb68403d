/**
 * One value per process, whatever the number of copies of the module that asks: Next.js bundles
 * server code once for API routes and once for admin pages, and a cache cleared through one
 * copy (a hook) must be the one read through the other (the Usage view). The same key scheme
 * as the host's src/runtime/process-global.ts.
 */
export function processGlobal<T>(name: string, create: () => T): T {
  const slot = globalThis as unknown as Record<symbol, T | undefined>
  const key = Symbol.for(`e-merkater:${name}`)
  return (slot[key] ??= create())
}
