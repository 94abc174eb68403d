import type { Config, TaskConfig, TaskType } from 'payload'

/** Payload's ScheduleConfig (not exported from 'payload' itself). */
type ScheduleConfig = NonNullable<TaskConfig['schedule']>[number]

/**
 * When a task is queued by the clock: Payload's own `schedule` entry shape (`{ cron, queue }`,
 * cron with optional seconds). `hooks` are Payload's scheduler's and are not run by ours.
 */
export type TaskSchedule = Pick<ScheduleConfig, 'cron' | 'queue'>

/** Any task, as `jobs.tasks` holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskConfig<any>

/** A task once registered: its `schedule` is kept under `custom.schedule`, for our clock only. */
type RegisteredTask = AnyTask & { custom?: { schedule?: TaskSchedule[] } }

/** One scheduled task as the clock sees it. */
export type ScheduledTask = { slug: TaskType; schedule: TaskSchedule[] }

const requiredInput = (task: AnyTask) => (task.inputSchema ?? []).filter((f) => 'required' in f && f.required && 'name' in f).map((f) => ('name' in f ? f.name : ''))

/**
 * Make tasks ready for `jobs.tasks`: each task's `schedule` (Payload's shape) is moved out of
 * Payload's sight to `custom.schedule`, where the app's node-cron clock reads it (scheduler.ts).
 * Left in place, Payload would turn on its own scheduler (`jobs.scheduling`), add the
 * `payload-jobs-stats` global (a table, and REST/GraphQL routes any signed-in user may call),
 * and queue the tasks again from `/api/payload-jobs/run` — without our once-per-slot claim.
 * A scheduled task is queued with an empty input, so it may not require input fields.
 */
export function registerTasks(tasks: AnyTask[]): AnyTask[] {
  return tasks.map((task) => {
    if (!task.schedule) return task
    const { schedule, ...rest } = task
    for (const entry of schedule) {
      if (entry.hooks) throw new Error(`task ${task.slug}: schedule hooks are Payload's scheduler's; the app's clock does not run them`)
    }
    const required = requiredInput(task)
    if (required.length > 0) throw new Error(`task ${task.slug} is scheduled, so it is queued with no input, but it requires ${required.join(', ')}`)
    const registered: RegisteredTask = { ...rest, custom: { ...(task as RegisteredTask).custom, schedule: schedule.map(({ cron, queue }) => ({ cron, queue })) } }
    return registered
  })
}

/**
 * For plugins (given to them through their options): add tasks to the config's one registry,
 * `jobs.tasks`, with their schedules (`schedule: [{ cron, queue }]`) for the app's clock.
 */
export const withTasks = (config: Config, tasks: AnyTask[]): Config => ({
  ...config,
  jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), ...registerTasks(tasks)] },
})

/** The tasks the clock queues, read from the config's `jobs.tasks`. */
export const scheduledTasks = (config: Pick<Config, 'jobs'>): ScheduledTask[] =>
  ((config.jobs?.tasks ?? []) as RegisteredTask[]).flatMap((task) => {
    const schedule = task.custom?.schedule ?? []
    // A registered task's slug is a task slug: payload-types.ts generates TaskType from this list.
    return schedule.length > 0 ? [{ slug: task.slug as TaskType, schedule }] : []
  })
