import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { QUEUE_SNAPSHOTS_TASK, SNAPSHOT_TASK } from '../../plugins/quotas'
import { runSql } from '../../src/db/run-sql'
import { slotOf } from '../../src/jobs/claim-slot'
import { fireSchedule } from '../../src/jobs/fire-schedule'
import { registerTasks, scheduledTasks, type AnyTask, type TaskSchedule } from '../../src/jobs/scheduled-tasks'
import { startSchedules, stopSchedules } from '../../src/jobs/scheduler'
import { tenantTask } from '../../src/jobs/tenant-task'
import { QUEUE_TRIAL_CHECKS_TASK, queueTrialChecksTask, TRIAL_CHECK_TASK, trialCheckTask } from '../../src/tenancy/trial-expiry'
import { api, graphql, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { startInstance, type Instance } from './helpers/jobs-instances'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload, ownerPool } from './helpers/payload'

const DAY = 86_400_000

const jobsOf = async (task: string) => (await ownerPool().query(`select id, input, queue from payload_jobs where task_slug = $1`, [task])).rows
const warningsOf = async (payload: Payload, tenant: Tenant) => (await asSystem(() => payload.findByID({ collection: 'tenants', id: tenant.id, depth: 0, overrideAccess: true }))).trialWarnings ?? []

/** Call a task's handler the way Payload's runner does, with a fresh local request. */
async function runHandler(payload: Payload, task: { handler: unknown }, input: object) {
  const handler = task.handler as (args: object) => Promise<{ output: Record<string, unknown> }>
  return handler({ input, req: await createLocalReq({}, payload), job: { id: 'test-job' }, inlineTask: undefined, tasks: {} })
}

/** The quotas plugin's snapshot task, as the config registers it. */
const usageSnapshotTask = (payload: Payload) => payload.config.jobs.tasks!.find((task) => task.slug === SNAPSHOT_TASK)!

const snapshotTenants = async (payload: Payload) =>
  (await asSystem(() => payload.find({ collection: 'usage-snapshots', depth: 0, overrideAccess: true, pagination: false }))).docs.map((s) => String(typeof s.tenant === 'object' ? s.tenant.id : s.tenant))

const setStatus = (payload: Payload, tenant: Tenant, data: Partial<Tenant>) => asSystem(() => payload.update({ collection: 'tenants', id: tenant.id, data, overrideAccess: true }))

describe('jobs: schedules once across instances, tenant-aware tasks', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let parked: Tenant
  let trialA: Tenant
  let trialB: Tenant
  let adminA: User
  const instances: Instance[] = []

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
    parked = await createTenant(payload, { status: 'suspended' })
    adminA = await createStaff(payload, shopA, 'tenant-admin')
    // Trials ending in 5 days: the daily trial check warns their admins "7 days" once.
    trialA = await createTenant(payload, { status: 'trial', trialEndsAt: new Date(Date.now() + 5 * DAY).toISOString() })
    trialB = await createTenant(payload, { status: 'trial', trialEndsAt: new Date(Date.now() + 5 * DAY).toISOString() })
    await createStaff(payload, trialA, 'tenant-admin')
    for (let i = 0; i < 2; i++) await createProduct(payload, shopA)
    for (let i = 0; i < 3; i++) await createProduct(payload, shopB)
  })
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()))
  })

  it('schedules are declared on their tasks and run by the app clock, never by Payload’s scheduler', () => {
    const crons = Object.fromEntries(scheduledTasks(payload.config).map((t) => [t.slug, t.schedule]))
    expect(crons).toMatchObject({
      auditPurge: [{ cron: '30 3 * * *', queue: 'default' }],
      queueTenantPurges: [{ cron: '15 3 * * *', queue: 'default' }],
      queueTrialChecks: [{ cron: '0 8 * * *', queue: 'default' }],
      // The plugins' tasks, registered through withTasks (their hosts' pieces).
      queueUsageSnapshots: [{ cron: '5 0 * * *', queue: 'default' }],
      metaEventSweep: [{ cron: '* * * * *', queue: 'default' }],
      metaChannelProof: [{ cron: '* * * * *', queue: 'default' }],
    })
    // Payload's scheduler is off: no `jobs.scheduling`, no payload-jobs-stats global (and its routes).
    expect(payload.config.jobs.scheduling).toBeFalsy()
    expect((payload.config.jobs.tasks ?? []).some((task) => task.schedule)).toBe(false)
    expect(payload.config.globals.map((g) => g.slug)).not.toContain('payload-jobs-stats')
    // What the clock cannot honour is refused when the task is registered.
    const handler = async () => ({ output: {} })
    expect(() => registerTasks([{ slug: 'x', handler, schedule: [{ cron: '* * * * *', queue: 'default', hooks: {} }] }])).toThrow(/hooks/)
    expect(() => registerTasks([{ slug: 'x', handler, inputSchema: [{ name: 'tenantId', type: 'text', required: true }], schedule: [{ cron: '* * * * *', queue: 'default' }] }])).toThrow(/requires tenantId/)
  })

  it('two app instances firing the same task slot at once queue one job; a fan-out queues each tenant’s job once', { timeout: 240_000 }, async () => {
    instances.push(startInstance(), startInstance())
    await Promise.all(instances.map((instance) => instance.next('ready')))
    const slot = slotOf(new Date())

    const at = Date.now() + 300
    for (const instance of instances) instance.send(`fire ${QUEUE_TRIAL_CHECKS_TASK} ${slot} ${at}`)
    const fired = await Promise.all(instances.map((instance) => instance.next<{ event: string; pid: number; queued: boolean }>('fired')))
    expect(fired.map((t) => t.queued).sort()).toEqual([false, true])
    const fanOuts = await jobsOf(QUEUE_TRIAL_CHECKS_TASK)
    expect(fanOuts).toHaveLength(1)
    expect(fanOuts[0]).toMatchObject({ input: {}, queue: 'default' })
    const { rows: claims } = await ownerPool().query(`select key from payload_kv where key = $1`, [`schedule:${QUEUE_TRIAL_CHECKS_TASK}@${slot}`])
    expect(claims).toHaveLength(1)

    // Both instances run the queue at the same moment: each job runs on exactly one of them.
    const runAt = Date.now() + 300
    for (const instance of instances) instance.send(`run ${runAt}`)
    const runs = await Promise.all(instances.map((instance) => instance.next<{ event: string; pid: number; jobs: { id: string; task: string }[] }>('ran')))
    const ran = runs.flatMap((r) => r.jobs)
    expect(new Set(ran.map((j) => j.id)).size).toBe(ran.length)
    expect(ran.filter((j) => j.task === QUEUE_TRIAL_CHECKS_TASK).map((j) => j.id)).toEqual([String(fanOuts[0].id)])
    expect(ran.filter((j) => j.task === TRIAL_CHECK_TASK)).toHaveLength(2) // one per trial tenant, not two
    expect(await warningsOf(payload, trialA)).toEqual(['7d'])
    expect(await warningsOf(payload, trialB)).toEqual(['7d'])
    expect((await ownerPool().query(`select count(*)::int as n from payload_jobs`)).rows[0].n).toBe(0)

    // Payload deletes completed jobs; the claim still stops an instance that fires the slot late.
    expect(await fireSchedule(payload, QUEUE_TRIAL_CHECKS_TASK, slot)).toEqual({ queued: false })
    expect(await drainQueue(payload)).toEqual([])
  })

  it('a fan-out job that runs twice for its slot (a retry) queues no second job per tenant, and redone work changes nothing', async () => {
    const sendEmail = vi.spyOn(payload, 'sendEmail')
    try {
      const fanOut = () => runHandler(payload, queueTrialChecksTask, {})
      expect((await fanOut()).output).toEqual({ queued: 2 })
      expect((await fanOut()).output).toEqual({ queued: 0 }) // both still waiting: not queued again
      expect((await jobsOf(TRIAL_CHECK_TASK)).map((j) => j.input.tenantId).sort()).toEqual([trialA.id, trialB.id].sort())
      expect((await drainQueue(payload)).filter((j) => j.task === TRIAL_CHECK_TASK)).toHaveLength(2)
      // Run again after its jobs are done (and deleted): queued again, and nothing is sent twice.
      expect((await fanOut()).output).toEqual({ queued: 2 })
      await drainQueue(payload)
      expect(sendEmail).not.toHaveBeenCalled()
      expect(await warningsOf(payload, trialA)).toEqual(['7d'])
    } finally {
      sendEmail.mockRestore()
    }
  })

  it('startSchedules: each node-cron firing of a task’s schedule claims its slot and queues the task once', async () => {
    const task = (payload.config.jobs.tasks ?? []).find((t) => t.slug === 'auditPurge') as AnyTask & { custom: { schedule: TaskSchedule[] } }
    const daily = task.custom.schedule
    task.custom.schedule = [{ cron: '* * * * * *', queue: 'default' }]
    const queue = vi.spyOn(payload.jobs, 'queue')
    process.env.RUN_SCHEDULES = '1'
    try {
      startSchedules(payload)
      await new Promise((resolve) => setTimeout(resolve, 2_500))
      await stopSchedules()
      const { rows } = await ownerPool().query(`select data->>'slot' as slot from payload_kv where key like 'schedule:auditPurge@%' order by 1`)
      expect(rows.length).toBeGreaterThanOrEqual(2)
      for (const { slot } of rows) expect(slot).toMatch(/:\d\d\.000Z$/)
      const queued = queue.mock.calls.map(([args]) => args).filter((args) => args.task === 'auditPurge')
      expect(queued).toHaveLength(rows.length) // one job per claimed slot
      expect(queued.every((args) => JSON.stringify(args.input) === '{}' && args.queue === 'default')).toBe(true)
      await drainQueue(payload)
    } finally {
      await stopSchedules()
      queue.mockRestore()
      delete process.env.RUN_SCHEDULES
      task.custom.schedule = daily
    }
  })

  it('a tenant job sees and writes only its tenant’s rows (row-level security)', async () => {
    const probe = tenantTask<{ tenantId: string }, { rawTenants: string[]; found: string[]; otherInsert: string }>({
      slug: 'probe',
      handler: async ({ req }) => {
        const raw = await runSql(req, sql`select tenant_id from products`)
        const found = await req.payload.find({ collection: 'products', depth: 0, limit: 100, overrideAccess: true, req })
        const otherInsert = await runSql(req, sql`insert into products (tenant_id, name, sku, price, currency, stock, status) values (${shopB.id}, 'x', 'x-probe', 1, 'BDT', 1, 'active')`).then(
          () => 'inserted',
          (error: { code?: string; cause?: { code?: string } }) => error.cause?.code ?? error.code ?? 'error',
        )
        return { output: { rawTenants: raw.map((r) => String(r.tenant_id)), found: found.docs.map((d) => String(typeof d.tenant === 'object' ? d.tenant?.id : d.tenant)), otherInsert } }
      },
    })
    const { output } = await runHandler(payload, probe, { tenantId: shopA.id })
    expect(output.rawTenants).toEqual([shopA.id, shopA.id])
    expect(output.found).toEqual([shopA.id, shopA.id])
    expect(output.otherInsert).toBe('42501') // new row violates row-level security policy
    // The input must name the tenant.
    await expect(runHandler(payload, probe, {})).rejects.toThrow(/no tenantId/)
    expect(probe.inputSchema?.map((f) => ('name' in f ? f.name : ''))).toEqual(['tenantId'])
  })

  it('a suspended tenant’s job is skipped (logged), and its scheduled work resumes after reactivation (the quotas plugin’s scheduled fan-out)', async () => {
    const info = vi.spyOn(payload.logger, 'info')
    try {
      // Queued while active, suspended before it runs: the job does nothing.
      await payload.jobs.queue({ task: SNAPSHOT_TASK, input: { tenantId: parked.id } })
      expect(await runHandler(payload, usageSnapshotTask(payload), { tenantId: parked.id })).toEqual({ output: { skipped: 'tenant suspended' } })
      await drainQueue(payload)
      expect(await snapshotTenants(payload)).not.toContain(parked.id)
      expect(info.mock.calls.some(([obj, msg]) => String(msg).includes('skipped') && (obj as { reason?: string }).reason === 'tenant suspended')).toBe(true)

      // A firing of the snapshot schedule while suspended leaves it out.
      const suspendedSlot = slotOf(new Date(Date.now() + 60_000))
      expect((await fireSchedule(payload, QUEUE_SNAPSHOTS_TASK, suspendedSlot)).queued).toBe(true)
      expect((await drainQueue(payload)).filter((j) => j.task === SNAPSHOT_TASK)).toHaveLength(4) // shops A and B, trials A and B
      expect(await snapshotTenants(payload)).not.toContain(parked.id)

      // Reactivated: the next firing includes it again.
      await setStatus(payload, parked, { status: 'active' })
      expect((await fireSchedule(payload, QUEUE_SNAPSHOTS_TASK, slotOf(new Date(Date.now() + 120_000)))).queued).toBe(true)
      expect((await drainQueue(payload)).filter((j) => j.task === SNAPSHOT_TASK)).toHaveLength(5)
      expect(await snapshotTenants(payload)).toContain(parked.id)
    } finally {
      info.mockRestore()
    }
  })

  it('suspended, cancelled, soft-deleted and unknown tenants are skipped too', async () => {
    const cancelled = await createTenant(payload, { status: 'cancelled' })
    const deleted = await createTenant(payload, { status: 'cancelled', deletedAt: new Date().toISOString() })
    const suspended = await createTenant(payload, { status: 'suspended' })
    const task = trialCheckTask
    expect((await runHandler(payload, task, { tenantId: suspended.id })).output).toEqual({ skipped: 'tenant suspended' })
    expect((await runHandler(payload, task, { tenantId: cancelled.id })).output).toEqual({ skipped: 'tenant cancelled' })
    expect((await runHandler(payload, task, { tenantId: deleted.id })).output).toEqual({ skipped: 'tenant deleted' })
    expect((await runHandler(payload, task, { tenantId: '00000000-0000-4000-8000-000000000000' })).output).toEqual({ skipped: 'tenant not found' })
    expect((await runHandler(payload, task, { tenantId: 'not-a-uuid' })).output).toEqual({ skipped: 'tenant not found' })
  })

  it('tenant staff cannot see or run jobs: REST, GraphQL, Local API, admin (Payload #12849 not reproducible)', async () => {
    const queued = await payload.jobs.queue({ task: SNAPSHOT_TASK, input: { tenantId: shopA.id } })
    const token = await login(adminA.email, PASSWORD)

    expect((await api('GET', '/payload-jobs', { token })).status).toBe(403)
    expect((await api('GET', `/payload-jobs/${queued.id}`, { token })).status).toBe(403)
    expect((await api('GET', '/payload-jobs/count', { token })).status).toBe(403)
    // Payload's run endpoints answer with the one error body (src/jobs/jobs-config.ts; found by the fuzz test).
    for (const path of ['/payload-jobs/run', '/payload-jobs/handle-schedules']) {
      expect(await api('GET', path, { token })).toEqual({ status: 403, body: { error: 'forbidden', message: expect.stringContaining('super-admin'), errors: [] } })
      expect(await api('GET', path)).toEqual({ status: 401, body: { error: 'unauthorized', message: expect.stringContaining('super-admin'), errors: [] } })
    }

    const gql = await graphql(
      `
        {
          PayloadJobs {
            docs {
              id
              input
            }
          }
        }
      `,
      { token },
    )
    expect(gql.body.data?.PayloadJobs ?? null).toBeNull()
    expect(gql.body.errors?.[0]?.message).toMatch(/not allowed/)
    const one = await graphql(
      `
        query ($id: String!) {
          PayloadJob(id: $id) {
            id
            input
          }
        }
      `,
      { token, variables: { id: queued.id } },
    )
    expect(one.body.data?.PayloadJob ?? null).toBeNull()
    expect(one.body.errors?.[0]?.message).toMatch(/not allowed/)

    await expect(payload.find({ collection: 'payload-jobs', user: adminA, overrideAccess: false })).rejects.toThrow()
    await expect(payload.findByID({ collection: 'payload-jobs', id: queued.id, user: adminA, overrideAccess: false })).rejects.toThrow()
    await expect(payload.count({ collection: 'payload-jobs', user: adminA, overrideAccess: false })).rejects.toThrow()
    await expect(payload.jobs.queue({ task: SNAPSHOT_TASK, input: { tenantId: shopA.id }, overrideAccess: false, req: await createLocalReq({ user: adminA }, payload) })).rejects.toThrow()

    const hidden = payload.collections['payload-jobs'].config.admin.hidden as (args: { user: unknown }) => boolean
    expect(hidden({ user: adminA })).toBe(true)

    // The job is untouched, and the super-admin does see it.
    const root = await createSuperAdmin(payload)
    const asRoot = await api('GET', `/payload-jobs/${queued.id}`, { token: await login(root.email, PASSWORD) })
    expect(asRoot.status).toBe(200)
    expect(asRoot.body).toMatchObject({ processing: false, input: { tenantId: shopA.id } })
    expect(hidden({ user: root })).toBe(false)
    // Tasks' schedules are the app clock's (claimed once per slot), not Payload's: a coded 404,
    // not a 500 "no schedules", and nothing queued.
    const jobsBefore = (await ownerPool().query(`select count(*)::int as n from payload_jobs`)).rows[0].n
    const schedules = await api('GET', '/payload-jobs/handle-schedules', { token: await login(root.email, PASSWORD) })
    expect(schedules).toEqual({ status: 404, body: { error: 'not_found', message: expect.stringContaining('clock'), errors: [] } })
    expect((await ownerPool().query(`select count(*)::int as n from payload_jobs`)).rows[0].n).toBe(jobsBefore)
  })
})
