import type { Config, Endpoint } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { AppError } from '../errors/app-error'
import { scheduleTickTask } from './schedule-tick'

const superAdminOnly = ({ req }: { req: { user?: unknown } }) => isSuperAdmin(req.user as never)

/**
 * Payload's GET /api/payload-jobs/run and /handle-schedules, refusing with the one error body
 * (src/errors) — Payload's own answers are `{ message }`: a 401 to every caller but the
 * super-admin, signed in or not, and a 500 from /handle-schedules, because this app defines no
 * Payload schedules (it runs its own, src/jobs/scheduler.ts). Found by the fuzz test.
 */
const jobEndpoints = (endpoints: Endpoint[]): Endpoint[] =>
  endpoints.map((endpoint) => ({
    ...endpoint,
    handler: async (req) => {
      if (!isSuperAdmin(req.user)) {
        throw req.user
          ? new AppError('forbidden', 'Only the platform super-admin may run jobs through the API.')
          : new AppError('unauthorized', 'Sign in as the platform super-admin to run jobs through the API.')
      }
      if (endpoint.path === '/handle-schedules' && !req.payload.config.jobs?.scheduling) {
        throw new AppError('not_found', 'There are no Payload schedules to handle: the app runs its schedules itself (src/jobs/scheduler.ts).')
      }
      return endpoint.handler(req)
    },
  }))

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
    endpoints: defaultJobsCollection.endpoints ? jobEndpoints(defaultJobsCollection.endpoints) : defaultJobsCollection.endpoints,
    access: { ...defaultJobsCollection.access, read: superAdminOnly, create: superAdminOnly, update: superAdminOnly, delete: superAdminOnly },
    admin: { ...defaultJobsCollection.admin, group: 'Platform', hidden: ({ user }) => !isSuperAdmin(user as never) },
  }),
}
