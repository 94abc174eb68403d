import type { Config, Payload } from 'payload'

/** One firing of a schedule: its slot is the scheduled time (ISO, to the second), the same on every instance. */
export type ScheduleTick = { slot: string }

/**
 * Work to start on a cron expression — usually: queue Payload jobs, one per tenant (each a
 * `tenantTask`). `run` is called once per slot across all app instances, from a `scheduleTick`
 * job (schedule-tick.ts); it may be called again for the same slot if that job is retried, so
 * what it queues should tolerate running twice.
 */
export type Schedule = { name: string; cron: string; run: (payload: Payload, tick?: ScheduleTick) => Promise<void> }

type Custom = { schedules?: Schedule[] }

/** For plugins: add schedules to the config (started by startSchedules in onInit). */
export const withSchedules = (config: Config, schedules: Schedule[]): Config => ({
  ...config,
  custom: { ...config.custom, schedules: [...((config.custom as Custom | undefined)?.schedules ?? []), ...schedules] },
})

export const schedulesOf = (payload: Payload): Schedule[] => (payload.config.custom as Custom | undefined)?.schedules ?? []
