import { register } from 'node:module'

/** A loader hook that reads a `.css` import as an empty module. */
const CSS_AS_EMPTY = `export async function load(url, context, next) {
  return url.endsWith('.css') ? { format: 'module', source: '', shortCircuit: true } : next(url, context)
}`

/**
 * The app's route modules themselves (src/app/(payload)/api/[...slug]/route.ts and
 * api/graphql/route.ts), for app instances in a Node process of their own (http-instance.ts,
 * ratelimit-instance.ts; under vitest, api.ts imports them directly). Next.js bundles the REST
 * route's `@payloadcms/next/css` import; plain Node cannot load CSS, so it is read as an empty
 * module (hence the dynamic imports, after the hook is in place).
 */
export async function loadRouteModules() {
  register(`data:text/javascript,${encodeURIComponent(CSS_AS_EMPTY)}`)
  const [rest, graphql] = await Promise.all([import('../../../src/app/(payload)/api/[...slug]/route'), import('../../../src/app/(payload)/api/graphql/route')])
  return { rest, graphql }
}
