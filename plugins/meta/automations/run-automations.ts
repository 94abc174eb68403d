import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Automation, Message } from '../../../payload-types'
import { INBOUND_WRITE } from '../context'
import { idOf as tenantIdOf } from '../ids'
import type { ConversationRef } from '../model'
import { hostOf } from '../options'
import { runSql } from '../run-sql'
import { isOutsideHours, keywordMatches, regexMatches } from './match'

type Event = { conversation: ConversationRef; message: Pick<Message, 'text'>; isNew: boolean }

async function recentlyRepliedBy(req: PayloadRequest, rule: Automation, conversationId: string): Promise<boolean> {
  const since = new Date(Date.now() - (rule.cooldownMinutes ?? 60) * 60_000).toISOString()
  const { totalDocs } = await req.payload.count({
    collection: 'messages',
    where: { and: [{ conversation: { equals: conversationId } }, { automation: { equals: rule.id } }, { createdAt: { greater_than: since } }] },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

async function fires(req: PayloadRequest, rule: Automation, event: Event): Promise<boolean> {
  const text = event.message.text ?? ''
  switch (rule.trigger) {
    case 'keyword':
      return keywordMatches(rule.keywords ?? [], text)
    case 'regex':
      return Boolean(rule.pattern) && regexMatches(rule.pattern!, text)
    case 'new-conversation':
      return event.isNew
    case 'outside-business-hours': {
      const tenant = await req.payload.findByID({ collection: 'tenants', id: tenantOf(event), depth: 0, overrideAccess: true, req, select: { timezone: true, settings: true } })
      const hours = hostOf(req).tenancy.businessHours(tenant.settings)
      return isOutsideHours(rule, hours, tenant.timezone || 'Asia/Dhaka') && !(await recentlyRepliedBy(req, rule, event.conversation.id))
    }
  }
}

const tenantOf = (event: Event) => String(tenantIdOf(event.conversation.tenant))

/** The next of the tenant's staff with the rule's role, in a stable order, from the rule's counter. */
async function assignRoundRobin(req: PayloadRequest, rule: Automation, event: Event): Promise<boolean> {
  if (event.conversation.assignee) return false
  const tenantId = tenantOf(event)
  const { docs } = await req.payload.find({ collection: 'users', where: { 'tenants.tenant': { equals: tenantId } }, depth: 0, limit: 0, pagination: false, sort: 'createdAt', overrideAccess: true, req })
  const { roleIn } = hostOf(req).tenancy
  const staff = docs.filter((user) => roleIn(user, tenantId) === (rule.assignRole ?? 'support-agent'))
  if (staff.length === 0) return false
  const [row] = await runSql(req, sql`update automations set round_robin_cursor = coalesce(round_robin_cursor, 0) + 1 where id = ${rule.id} returning round_robin_cursor`)
  const pick = staff[(Number(row?.round_robin_cursor ?? 1) - 1) % staff.length]
  await req.payload.update({ collection: 'conversations', id: event.conversation.id, data: { assignee: pick.id }, overrideAccess: true, req })
  return true
}

async function reply(req: PayloadRequest, rule: Automation, event: Event): Promise<boolean> {
  const base = { tenant: tenantOf(event), conversation: event.conversation.id, direction: 'outbound' as const, automation: rule.id }
  let data: Record<string, unknown>
  if (rule.action === 'reply-text') data = { ...base, type: 'text', text: rule.replyText }
  else {
    const template = typeof rule.template === 'object' ? rule.template : await req.payload.findByID({ collection: 'message-templates', id: String(rule.template), depth: 0, overrideAccess: true, req })
    const parameters = (rule.templateParameters ?? []).map((p) => p.replace(/\{\{\s*name\s*\}\}/g, event.conversation.contactName ?? ''))
    data = { ...base, type: 'template', template: { name: template?.name, language: template?.language, parameters } }
  }
  try {
    // The job's req still carries the inbound write's context flag (Payload merges `context` into
    // req.context): this write is an outbound one, with every check.
    // In a savepoint: Payload rolls back the whole transaction on a failed create, and the event's
    // transaction holds the inbound message this rule answers.
    await hostOf(req).db.inSavepoint(req, () => req.payload.create({ collection: 'messages', data: data as never, overrideAccess: true, context: { [INBOUND_WRITE]: false }, req }))
    return true
  } catch (error) {
    // No quota left, window or template trouble: the rule is skipped, the message stays received.
    const reason = hostOf(req).quotas.isQuotaExceeded(error) ? 'monthly message quota used up' : (error as Error).message
    req.payload.logger.warn({ automation: rule.id, conversation: event.conversation.id, reason }, `automation “${rule.name}” did not reply: ${reason}`)
    return false
  }
}

/** Rules are read at most once a second per tenant and process (every inbound message needs them). */
const RULES_FOR_MS = 1_000
const rulesCache = (req: Pick<PayloadRequest, 'payload'>) => hostOf(req).processGlobal('meta.automation-rules', () => new Map<string, { rules: Automation[]; until: number }>())

async function enabledRules(req: PayloadRequest, tenantId: string): Promise<Automation[]> {
  const hit = rulesCache(req).get(tenantId)
  if (hit && hit.until > Date.now()) return hit.rules
  const { docs } = await req.payload.find({
    collection: 'automations',
    where: { and: [{ tenant: { equals: tenantId } }, { enabled: { equals: true } }] },
    sort: 'priority',
    depth: 0,
    limit: 100,
    overrideAccess: true,
    req,
  })
  rulesCache(req).set(tenantId, { rules: docs, until: Date.now() + RULES_FOR_MS })
  return docs
}

/** A rule was saved or deleted in this process: read the tenant's rules again. */
export const forgetRules = ({ doc, req }: { doc: { tenant?: unknown }; req: PayloadRequest }) => {
  rulesCache(req).delete(String(doc.tenant && typeof doc.tenant === 'object' ? (doc.tenant as { id: unknown }).id : doc.tenant))
}

/**
 * The tenant's enabled rules, lowest priority number first, on one inbound message of one of its
 * own conversations. The rules are read with the conversation's tenant in the query and under the
 * job's row-level security, so another tenant's rule can never fire here.
 */
export async function runAutomations(req: PayloadRequest, event: Event): Promise<void> {
  const tenantId = tenantOf(event)
  const rules = (await enabledRules(req, tenantId)).filter((rule) => rule.channel === 'any' || rule.channel === event.conversation.channel)
  for (const rule of rules) {
    if (!(await fires(req, rule, event))) continue
    const acted = rule.action === 'assign-round-robin' ? await assignRoundRobin(req, rule, event) : await reply(req, rule, event)
    if (!acted) continue
    await runSql(req, sql`update automations set fired_count = coalesce(fired_count, 0) + 1, last_fired_at = now() where id = ${rule.id}`)
    if (rule.stopAfterMatch) break
  }
}
