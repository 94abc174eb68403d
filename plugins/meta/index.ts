import type { CollectionConfig, Config, Field } from 'payload'

import { automationsCollection } from './collections/Automations'
import { conversationsCollection } from './collections/Conversations'
import { messagesCollection } from './collections/Messages'
import { messageTemplatesCollection } from './collections/MessageTemplates'
import { metaEventsCollection } from './collections/MetaEvents'
import { connectionField, proveAfterChange, testConnectionEndpoint, verifiedAtField } from './connection'
import { conversationCustomerEndpoint } from './endpoints/conversation-customer'
import { conversationReadEndpoint } from './endpoints/conversation-read'
import { linkConversations } from './inbound/link-customer'
import { processEventsTask } from './jobs/process-events'
import { metaChannelProof } from './jobs/prove-unchecked'
import { metaEventSweep } from './jobs/sweep'
import { META_OPTIONS_KEY, resolveOptions, type MetaPluginOptions, type ResolvedMetaOptions } from './options'
import { claimGuard } from './proof/claims'
import { sendMessageTask } from './send/task'
import { syncTemplatesEndpoint } from './templates/sync-templates'
import { webhookEndpoints } from './webhook/endpoint'

export type { MetaPluginOptions, MetaSettings } from './options'
export type {
  AfterInbound,
  AnyTask,
  MetaAdmin,
  MetaHost,
  NavLinkProps,
  ThreadToolProps,
  PerTenantTask,
  Operation,
  RequireAdminUser,
  RoleCheckedCollection,
  TenantTaskOptions,
  TenantWork,
  ViewShellProps,
} from './host'
export { META_FIELD_LIMITS, META_PERMISSIONS, type MetaCollection, type MetaTenantRole } from './permissions'
export { FROM_META, INBOUND_WRITE } from './context'
export { SKIP_CHANNEL_PROOF } from './connection'
export { GraphError } from './graph/graph-error'
export { isOutsideHours } from './automations/match'
export { TAKEN_MESSAGES } from './proof/claims'
export { proveUnchecked, uncheckedChannels } from './jobs/prove-unchecked'

/**
 * Pages and numbers get the proof (proof/, connection.ts): `verifiedAt` and the `connection`
 * check, the claim guard (409 for an id already connected; a new or changed id or token starts
 * unverified), the automatic proof after the write, "Test connection" and a status badge.
 */
function withConnection(collection: CollectionConfig, options: ResolvedMetaOptions): CollectionConfig {
  const kind = collection.slug as 'pages' | 'numbers'
  return {
    ...collection,
    fields: [...withStatusBadge(collection.fields), verifiedAtField(options.access), connectionField(options.access)],
    hooks: {
      ...collection.hooks,
      beforeChange: [...(collection.hooks?.beforeChange ?? []), claimGuard],
      // After the audit entry of the write itself; the proof's own update has its entry.
      afterChange: [...(collection.hooks?.afterChange ?? []), proveAfterChange],
    },
    endpoints: [...(collection.endpoints || []), testConnectionEndpoint(kind)],
  }
}

/** The `status` select (top level or in a row) shows as a coloured badge in the list. */
function withStatusBadge(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (field.type === 'row') return { ...field, fields: withStatusBadge(field.fields) }
    if (field.type !== 'select' || field.name !== 'status') return field
    return { ...field, admin: { ...field.admin, components: { ...field.admin?.components, Cell: '/plugins/meta/admin/ChannelStatusCell#ChannelStatusCell' } } }
  })
}

/**
 * Facebook pages and WhatsApp numbers per tenant (plugins/meta/README.md): the connection test,
 * the signed webhook (`/api/meta/webhook`) routed to the tenant that owns each page or number,
 * the inbox (conversations, messages, `/admin/inbox`), sending inside the 24-hour window with
 * retries and the monthly message quota, templates, automations and lead ads. List it before the
 * multi-tenant plugin, which gives its collections their `tenant` field. The host passes its
 * pieces (access, the tenant-owned collection factory, database, tenancy, jobs, secrets, quotas,
 * validation, the admin's view shell and nav link by import-map path) in the options (host.ts;
 * README, "Host pieces") and merges META_PERMISSIONS into its matrix.
 */
export const metaPlugin =
  (pluginOptions: MetaPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    const collections = (config.collections ?? []).map((c) => {
      if (c.slug === 'pages' || c.slug === 'numbers') return withConnection(c, options)
      // A customer entered after the contact wrote is linked to the conversation.
      if (c.slug === 'customers') return { ...c, hooks: { ...c.hooks, afterChange: [...(c.hooks?.afterChange ?? []), linkConversations] } }
      return c
    })
    const templates = messageTemplatesCollection(options)
    const conversations = conversationsCollection(options)
    // The one registry of tasks; the sweep's and the proof's schedules run on the host's clock.
    return options.jobs.withTasks(
      {
        ...config,
        collections: [
          ...collections,
          { ...conversations, endpoints: [...(conversations.endpoints || []), conversationCustomerEndpoint, conversationReadEndpoint] },
          messagesCollection(options),
          { ...templates, endpoints: [...(templates.endpoints || []), syncTemplatesEndpoint] },
          automationsCollection(options),
          metaEventsCollection(options),
        ],
        endpoints: [...(config.endpoints ?? []), ...webhookEndpoints(options)],
        custom: { ...config.custom, [META_OPTIONS_KEY]: options },
        loggingLevels: { ...config.loggingLevels, GraphError: 'warn' } as Config['loggingLevels'],
        admin: {
          ...config.admin,
          // The host's pieces the Inbox renders by path, so that generate:importmap lists them.
          dependencies: {
            ...config.admin?.dependencies,
            'meta.viewShell': { type: 'component', path: options.admin.viewShell },
            'meta.requireAdminUser': { type: 'function', path: options.admin.requireAdminUser },
            ...(options.admin.navLink ? { 'meta.navLink': { type: 'component', path: options.admin.navLink } } : {}),
            ...(options.admin.threadTools ? { 'meta.threadTools': { type: 'component', path: options.admin.threadTools } } : {}),
          },
          components: {
            ...config.admin?.components,
            afterNavLinks: [...(config.admin?.components?.afterNavLinks ?? []), ...(options.admin.navLink ? ['/plugins/meta/admin/InboxNavLink#InboxNavLink'] : [])],
            views: { ...config.admin?.components?.views, inbox: { Component: '/plugins/meta/admin/InboxView#InboxView', path: '/inbox' } },
          },
        },
      },
      [processEventsTask(options), sendMessageTask(options.jobs), metaEventSweep, metaChannelProof],
    )
  }
