import type { SanitizedConfig } from 'payload'

import { AppError } from '../errors/app-error'
import type { RouteHandler as Handler } from './route-handler'

type Config = Promise<SanitizedConfig> | SanitizedConfig

/**
 * Payload mounts its version routes (`/api/<slug>/versions…`) and email verification
 * (`/api/<slug>/verify/:token`) on every collection, also where the feature is off; there they
 * crash in the database layer (a 500). No collection of this app keeps versions and none verifies
 * emails, so these routes answer 404 `not_found` before Payload runs, as any unknown route does.
 * So do names of Object.prototype's properties (`/api/constructor`).
 */
export const withoutUnusedRoutes =
  (config: Config, handler: Handler): Handler =>
  async (request, context) => {
    const [slug, feature] = new URL(request.url).pathname.replace(/^.*?\/api\//, '').split('/')
    // `/api/hasOwnProperty/…` made Payload's router read a collection named like a property of
    // every object (a 500): such names are never a route.
    if (slug && slug in Object.prototype) throw new AppError('not_found', `There is no API route /api/${slug}.`)
    if (slug && (feature === 'versions' || feature === 'verify')) {
      const collection = (await config).collections.find((c) => c.slug === slug)
      const unused = collection && (feature === 'versions' ? !collection.versions : !(collection.auth && collection.auth.verify))
      if (unused) throw new AppError('not_found', `${slug} keeps no ${feature === 'versions' ? 'versions' : 'email verification'}: there is no such API route.`)
    }
    return handler(request, context)
  }
