import type { Config } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { scheduleTickTask } from './schedule-tick'

const superAdminOnly = ({ req }: { req: { user?: unknown } }) => isSuperAdmin(req.user as never)

/**
 * Payload's job queue (tasks are added by plugins; `scheduleTick` is the fan-out of a schedule,
 * schedule-tick.ts). Tenant jobs carry their tenant in their input and run inside
 * runWithTenant() (tenant-task.ts); the queue itself is the platform's: only the super-admin may
 * read, queue, run or cancel jobs through the API, and only they see the collection.
 */
export const jobsConfig: NonNullable<Config['jobs']> = {
  tasks: [scheduleTickTask()],
  access: { run: superAdminOnly, queue: superAdminOnly, cancel: superAdminOnly },
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    access: { ...defaultJobsCollection.access, read: superAdminOnly, create: superAdminOnly, update: superAdminOnly, delete: superAdminOnly },
    admin: { ...defaultJobsCollection.admin, group: 'Platform', hidden: ({ user }) => !isSuperAdmin(user as never) },
  }),
}
