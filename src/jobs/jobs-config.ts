import type { Config, Endpoint } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { AppError } from '../errors/app-error'
import { registerTasks, type AnyTask } from './scheduled-tasks'

const superAdminOnly = ({ req }: { req: { user?: unknown } }) => isSuperAdmin(req.user as never)

/**
 * Payload's GET /api/payload-jobs/run and /handle-schedules, refusing with the one error body
 * (src/errors) — Payload's own answers are `{ message }`: a 401 to every caller but the
 * super-admin, signed in or not (found by the fuzz test). /handle-schedules is a 404 even for
 * the super-admin: tasks' schedules are run by the app's clock (scheduler.ts), which claims each
 * slot once across instances; Payload's handler would queue them again without that claim
 * (and registerTasks keeps them out of its sight, so it would only answer a 500).
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
      if (endpoint.path === '/handle-schedules') {
        throw new AppError('not_found', "Payload's schedule handler is not used: the app's clock (src/jobs/scheduler.ts) queues each task's schedule, once per slot across instances.")
      }
      // Never Payload's scheduler from /run either (it is off anyway: registerTasks).
      if (endpoint.path === '/run' && req.query) req.query.disableScheduling = 'true'
      return endpoint.handler(req)
    },
  }))

/**
 * Payload's job queue, with `tasks` its one registry: the app's tasks here, plugins add theirs
 * with `withTasks` (scheduled-tasks.ts); a task's `schedule: [{ cron, queue }]` is run by the
 * app's clock. Tenant jobs carry their tenant in their input and run inside runWithTenant()
 * (tenant-task.ts); the queue itself is the platform's: only the super-admin may read, queue,
 * run or cancel jobs through the API, and only they see the collection.
 */
export const jobsConfig = (tasks: AnyTask[]): NonNullable<Config['jobs']> => ({
  tasks: registerTasks(tasks),
  access: { run: superAdminOnly, queue: superAdminOnly, cancel: superAdminOnly },
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    endpoints: defaultJobsCollection.endpoints ? jobEndpoints(defaultJobsCollection.endpoints) : defaultJobsCollection.endpoints,
    access: { ...defaultJobsCollection.access, read: superAdminOnly, create: superAdminOnly, update: superAdminOnly, delete: superAdminOnly },
    admin: { ...defaultJobsCollection.admin, group: 'Platform', hidden: ({ user }) => !isSuperAdmin(user as never) },
  }),
})
