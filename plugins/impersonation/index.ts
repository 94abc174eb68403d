import type { AuthStrategy, Config } from 'payload'

import { approveEndpoint, denyEndpoint } from './endpoints/decide'
import { requestEndpoint } from './endpoints/request'
import { currentEndpoint, endEndpoint, startEndpoint } from './endpoints/session'
import { grantsCollection } from './grants'
import { guardConfig } from './guard'
import { IMPERSONATION_OPTIONS_KEY, resolveOptions, type ImpersonationPluginOptions } from './options'
import { impersonationStrategy } from './strategy'
import { sweepTask } from './sweep'

export type { ImpersonationAuditEntry, ImpersonationHost, ImpersonationPluginOptions, ImpersonationSettings, RequestIdentities } from './options'
export { BREAK_GLASS_BASES, GRANT_STATUSES, GRANTS, type GrantStatus } from './grants'
export { IMPERSONATION_COOKIE, impersonationOf, type ImpersonationSession } from './session'
export { IMPERSONATION_SWEEP_TASK } from './sweep'

/**
 * Consented impersonation (plugins/impersonation/README.md): a super-admin asks to see a shop as
 * one of its users, the shop's tenant-admin approves (or break-glass for a suspended or
 * abandoned shop), the session is time-boxed and read-only by default, runs as the target user
 * through the host's own scope, and every request of it is in the shop's audit log.
 * Register it after every plugin that adds collections or endpoints: it guards them all.
 */
export const impersonationPlugin =
  (pluginOptions: ImpersonationPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    const collections = (config.collections ?? []).map((collection) => {
      if (collection.slug !== options.usersSlug || typeof collection.auth !== 'object') return collection
      const own: AuthStrategy[] = collection.auth.strategies ?? []
      return { ...collection, auth: { ...collection.auth, strategies: [impersonationStrategy(options, own), ...own] } }
    })
    const guarded = guardConfig(
      {
        ...options.jobs.withTasks(config, [sweepTask(options)]),
        collections: [...collections, grantsCollection(options)],
        endpoints: [...(config.endpoints ?? []), requestEndpoint, approveEndpoint, denyEndpoint, startEndpoint, endEndpoint, currentEndpoint],
      },
      options.usersSlug,
      new Set([endEndpoint.handler]),
    )
    return {
      ...guarded,
      admin: { ...guarded.admin, components: { ...guarded.admin?.components, header: [...(guarded.admin?.components?.header ?? []), '/plugins/impersonation/admin/ImpersonationBanner#ImpersonationBanner'] } },
      custom: { ...guarded.custom, [IMPERSONATION_OPTIONS_KEY]: options },
    }
  }
