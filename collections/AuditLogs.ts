import type { CollectionConfig } from 'payload'

import { nobody, readOwnTenants } from '../access/readOwnTenants'

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'login', 'login-failed', 'read-across-tenants', 'export', 'suspend', 'reactivate', 'soft-delete', 'restore', 'rate-limited', 'impersonation'] as const

export const ACTOR_TYPES = ['user', 'api-key', 'system', 'anonymous'] as const

/**
 * The audit trail (src/audit): who did what to which document, when, from where, with the
 * before/after of changed fields (secrets masked). Append-only: no API may create, change or
 * delete an entry (access below), and the app's database role may only INSERT and SELECT it
 * (src/db/roles.ts); old entries go through `audit_purge()` only (the retention job).
 * Tenant-admins read their tenant's entries; entries without a tenant (the super-admin's own
 * sign-ins, failed sign-ins of unknown emails, platform reads) are the super-admin's.
 */
export const AuditLogs: CollectionConfig = {
  slug: 'audit-logs',
  labels: { singular: 'Audit entry', plural: 'Audit log' },
  admin: {
    group: 'Platform',
    useAsTitle: 'summary',
    defaultColumns: ['createdAt', 'action', 'summary', 'actorLabel', 'ip', 'tenant'],
    description: 'Every change, sign-in and platform action, newest first. Entries cannot be edited or deleted.',
    listSearchableFields: ['summary', 'actorLabel', 'documentId', 'requestId'],
  },
  defaultSort: '-createdAt',
  access: { read: readOwnTenants(['tenant-admin']), create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['tenant', 'createdAt'] }],
  fields: [
    { name: 'tenant', type: 'relationship', relationTo: 'tenants', index: true, admin: { readOnly: true } },
    { name: 'action', type: 'select', required: true, index: true, options: [...AUDIT_ACTIONS] },
    { name: 'summary', type: 'text', admin: { description: 'e.g. "update products 3f2a…"' } },
    {
      type: 'row',
      fields: [
        { name: 'actorType', type: 'select', required: true, options: [...ACTOR_TYPES] },
        { name: 'actorUser', type: 'relationship', relationTo: 'users' },
        { name: 'actorLabel', type: 'text', admin: { description: 'Email, API key label or job' } },
      ],
    },
    {
      // An impersonation session (plugins/impersonation): the actor is the user the request ran
      // as, the impersonator the super-admin who really acted.
      type: 'row',
      fields: [
        { name: 'impersonator', type: 'relationship', relationTo: 'users' },
        { name: 'impersonatorLabel', type: 'text', admin: { description: 'The super-admin who acted as the actor' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'collection', type: 'text', index: true },
        { name: 'documentId', type: 'text', index: true },
      ],
    },
    { name: 'changes', type: 'json', admin: { description: '{ field: { before, after } }; secrets are masked.' } },
    {
      type: 'row',
      fields: [
        { name: 'requestId', type: 'text' },
        { name: 'ip', type: 'text' },
      ],
    },
  ],
}
