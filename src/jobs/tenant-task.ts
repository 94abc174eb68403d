import type { Field, PayloadRequest, TaskConfig, TaskHandlerArgs } from 'payload'

import type { Tenant } from '../../payload-types'
import { runWithTenant } from '../tenancy/request-context'
import { isTenantUsable } from '../tenancy/tenant-status'
import { UUID } from '../validation/uuid'

type TenantInput = { tenantId: string }

/** What a tenant task answers when its tenant may not run work (suspended, cancelled, deleted). */
export type Skipped = { skipped: string }

type TenantTaskArgs<I extends TenantInput> = Omit<TaskHandlerArgs<{ input: I; output: object }>, 'input'> & {
  input: I
  /** The tenant the job runs for (usable: trial or active, not deleted). */
  tenant: Pick<Tenant, 'id' | 'slug' | 'status' | 'deletedAt'>
}

export type TenantTaskOptions<I extends TenantInput, O extends object> = Omit<TaskConfig<{ input: I; output: O }>, 'handler' | 'inputSchema'> & {
  /** The input's fields; `tenantId` (required text) is added when missing. */
  inputSchema?: Field[]
  handler: (args: TenantTaskArgs<I>) => Promise<{ output: O }>
}

const TENANT_ID_FIELD: Field = { name: 'tenantId', type: 'text', required: true }

const hasTenantId = (fields: Field[]) => fields.some((f) => 'name' in f && f.name === 'tenantId')

/** Why a tenant may not run work now, or null when it may. */
function skipReason(tenant: Pick<Tenant, 'status' | 'deletedAt'> | undefined): null | string {
  if (!tenant) return 'tenant not found'
  if (isTenantUsable(tenant)) return null
  return tenant.deletedAt ? 'tenant deleted' : `tenant ${tenant.status}`
}

async function findTenant(req: PayloadRequest, tenantId: string) {
  if (!UUID.test(tenantId)) return undefined // ids are UUIDs: anything else names no tenant
  const { docs } = await req.payload.find({
    collection: 'tenants',
    where: { id: { equals: tenantId } },
    select: { slug: true, status: true, deletedAt: true },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return docs[0] as TenantTaskArgs<TenantInput>['tenant'] | undefined
}

/**
 * A Payload task that works for one tenant. Its input carries `tenantId`; the handler runs
 * inside `runWithTenant({ tenantId, via: 'job' })`, so every database call it makes (Local API
 * with `req`, `runSql`) is held by row-level security to that tenant's rows. When the tenant is
 * suspended, cancelled, soft-deleted or gone, the job does nothing, logs why and answers
 * `{ output: { skipped: '<reason>' } }` — scheduled work pauses and resumes with the next tick
 * after reactivation (the schedules queue jobs for usable tenants only, and this check catches a
 * tenant switched off between queueing and running).
 */
export function tenantTask<I extends TenantInput, O extends object>(options: TenantTaskOptions<I, O>): TaskConfig<{ input: I; output: O | Skipped }> {
  const { handler, inputSchema = [], ...rest } = options
  return {
    ...rest,
    inputSchema: hasTenantId(inputSchema) ? inputSchema : [TENANT_ID_FIELD, ...inputSchema],
    handler: (async (args: TaskHandlerArgs<{ input: I; output: O | Skipped }>): Promise<{ output: O | Skipped }> => {
      const { input, req } = args
      const tenantId = typeof input?.tenantId === 'string' ? input.tenantId : ''
      if (!tenantId) throw new Error(`task ${String(rest.slug)}: the job's input has no tenantId`)
      return runWithTenant({ tenantId, via: 'job' }, async () => {
        const tenant = await findTenant(req, tenantId)
        const reason = skipReason(tenant)
        if (reason || !tenant) {
          req.payload.logger.info({ task: rest.slug, job: args.job?.id, tenantId, reason }, `job ${String(rest.slug)} skipped for tenant ${tenantId}: ${reason}`)
          return { output: { skipped: reason ?? 'tenant not found' } }
        }
        return handler({ ...args, input: input, tenant })
      })
    }) as TaskConfig<{ input: I; output: O | Skipped }>['handler'],
  }
}
