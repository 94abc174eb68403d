import type { CollectionConfig } from 'payload'

import { nobody, readOwnTenants } from '../access/readOwnTenants'
import { downloadExportEndpoint, requestExportEndpoint } from '../src/export/endpoints'
import { EXPORTS } from '../src/export/settings'

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const

/**
 * Tenant data exports (src/export, README "Export"): a tenant-admin asks for one with
 * `POST /api/exports/request`, a job builds the zip and updates the progress, and the finished
 * archive is downloaded through a signed, expiring link (`/api/exports/:id/download`) that
 * only that tenant's admins (and the super-admin) can use. Written by the platform only.
 */
export const Exports: CollectionConfig = {
  slug: EXPORTS,
  labels: { singular: 'Export', plural: 'Exports' },
  admin: {
    group: 'Platform',
    useAsTitle: 'fileName',
    defaultColumns: ['createdAt', 'status', 'progress', 'requestedBy', 'size', 'expiresAt', 'tenant'],
    description: 'Your shop’s data as JSON and CSV in one zip. The download link is emailed when the export is ready.',
    components: { beforeListTable: ['/src/export/admin/RequestExportButton#RequestExportButton'] },
  },
  defaultSort: '-createdAt',
  access: { read: readOwnTenants(['tenant-admin']), create: nobody, update: nobody, delete: nobody },
  endpoints: [requestExportEndpoint, downloadExportEndpoint],
  indexes: [{ fields: ['tenant', 'status'] }],
  fields: [
    { name: 'tenant', type: 'relationship', relationTo: 'tenants', required: true, index: true, admin: { readOnly: true } },
    { name: 'status', type: 'select', required: true, defaultValue: 'queued', options: [...EXPORT_STATUSES], admin: { readOnly: true } },
    {
      name: 'progress',
      type: 'number',
      defaultValue: 0,
      min: 0,
      max: 100,
      admin: { readOnly: true, description: 'Percent done.', components: { Cell: '/src/export/admin/ProgressCell#ProgressCell' } },
    },
    {
      type: 'row',
      fields: [
        { name: 'collectionsDone', type: 'number', defaultValue: 0, admin: { readOnly: true } },
        { name: 'collectionsTotal', type: 'number', defaultValue: 0, admin: { readOnly: true } },
      ],
    },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        { name: 'fileName', type: 'text', admin: { readOnly: true } },
        { name: 'size', type: 'number', admin: { readOnly: true, description: 'Bytes.' } },
      ],
    },
    { name: 'error', type: 'textarea', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        { name: 'finishedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'expiresAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
  ],
}
