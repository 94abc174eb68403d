import type { Endpoint, PayloadRequest } from 'payload'

import type { MessageTemplate, Number as WaNumber } from '../../../payload-types'
import { loadChannel } from '../channels'
import { FROM_META } from '../context'
import { authorizeOn, fail } from '../endpoints/authorize'
import { graphRequest } from '../graph/graph-client'
import { GraphError } from '../graph/graph-error'
import { hostOf, metaOptions } from '../options'
import { fieldsOf } from './components'

type GraphTemplate = { id: string; name: string; language: string; status: string; category: string; components?: []; rejected_reason?: string }
type Page = { data?: GraphTemplate[]; paging?: { cursors?: { after?: string }; next?: string } }

/** Every template of a WABA, following Graph's cursor paging. */
async function listTemplates(req: PayloadRequest, wabaId: string, token: string): Promise<GraphTemplate[]> {
  const all: GraphTemplate[] = []
  let after: string | undefined
  for (let page = 0; page < 100; page++) {
    const answer = await graphRequest<Page>(metaOptions(req.payload.config), {
      path: `/${wabaId}/message_templates`,
      token,
      query: { fields: 'id,name,language,status,category,components,rejected_reason', limit: 100, after },
    })
    all.push(...(answer.data ?? []))
    after = answer.paging?.cursors?.after
    if (!answer.paging?.next || !after) break
  }
  return all
}

/**
 * Copy a number's WABA templates from Meta: new ones are added, known ones (same name and
 * language) take Meta's status and content, local ones Meta no longer has become DELETED.
 */
export async function syncTemplates(req: PayloadRequest, tenantId: string, number: WaNumber): Promise<{ created: number; updated: number; deleted: number; total: number }> {
  const { token } = await loadChannel(req, 'numbers', number.id)
  const remote = await listTemplates(req, number.wabaId, token)
  const { docs: local } = await req.payload.find({
    collection: 'message-templates',
    where: { and: [{ tenant: { equals: tenantId } }, { wabaId: { equals: number.wabaId } }] },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const byKey = new Map(local.map((t) => [`${t.name}|${t.language}`, t]))
  const counts = { created: 0, updated: 0, deleted: 0, total: remote.length }
  const syncedAt = new Date().toISOString()
  for (const t of remote) {
    const data: Partial<MessageTemplate> = {
      ...fieldsOf(t.components),
      status: t.status.toUpperCase() as MessageTemplate['status'],
      category: t.category.toUpperCase() as MessageTemplate['category'],
      metaId: String(t.id),
      wabaId: number.wabaId,
      components: t.components ?? [],
      rejectedReason: t.rejected_reason && t.rejected_reason !== 'NONE' ? t.rejected_reason : null,
      syncedAt,
    }
    const known = byKey.get(`${t.name}|${t.language}`)
    byKey.delete(`${t.name}|${t.language}`)
    if (known) {
      await req.payload.update({ collection: 'message-templates', id: known.id, data, overrideAccess: true, context: { [FROM_META]: true }, req })
      counts.updated++
    } else {
      await req.payload.create({
        collection: 'message-templates',
        data: { ...data, tenant: tenantId, number: number.id, name: t.name, language: t.language } as never,
        overrideAccess: true,
        context: { [FROM_META]: true },
        req,
      })
      counts.created++
    }
  }
  for (const gone of byKey.values()) {
    if (gone.status === 'DELETED' || !gone.metaId) continue
    await req.payload.update({ collection: 'message-templates', id: gone.id, data: { status: 'DELETED', syncedAt }, overrideAccess: true, context: { [FROM_META]: true }, req })
    counts.deleted++
  }
  return counts
}

/** POST /api/message-templates/sync `{ "number": "<id>" }` — for roles that may create templates. */
export const syncTemplatesEndpoint: Endpoint = {
  path: '/sync',
  method: 'post',
  handler: async (req) => {
    const body = (await req.json?.().catch(() => null)) as { number?: unknown } | null
    const { doc: number, tenantId } = await authorizeOn<WaNumber>(req, 'numbers', body?.number, { collection: 'message-templates', operation: 'create' })
    try {
      const counts = await hostOf(req).tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, () => syncTemplates(req, tenantId, number))
      return Response.json({ ok: true, ...counts })
    } catch (error) {
      if (error instanceof GraphError) throw fail(`Meta refused the template list (code ${error.code}): ${error.explanation}`, 502)
      throw error
    }
  },
}
