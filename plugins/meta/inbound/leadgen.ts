import type { PayloadRequest } from 'payload'

import { loadChannel } from '../channels'
import { markDisconnected } from '../disconnect'
import { graphRequest } from '../graph/graph-client'
import { GraphError } from '../graph/graph-error'
import type { MetaHost } from '../host'
import type { Outcome, StoredEvent } from '../model'
import { hostOf, metaOptions } from '../options'

type Lead = { id: string; created_time?: string; ad_id?: string; form_id?: string; field_data?: { name: string; values?: string[] }[] }

/** Lead-form field names (Meta's standard questions and common custom ones) → our lead's fields. */
const FIELD_NAMES = {
  name: ['full_name', 'name', 'fullname'],
  firstName: ['first_name'],
  lastName: ['last_name'],
  phone: ['phone_number', 'phone', 'mobile', 'mobile_number', 'whatsapp_number'],
  email: ['email', 'email_address'],
}

/**
 * Our lead's fields from Graph's `field_data`, by the host's rules (`validation`): the phone as
 * people typed it into Meta's form, normalised (null when it is none); an e-mail the leads'
 * `email` field would refuse is dropped rather than failing the lead.
 */
export function mapLead(lead: Lead, validation: MetaHost['validation']): { name: null | string; phone: null | string; email: null | string } {
  const value = (names: string[]) => lead.field_data?.find((f) => names.includes(f.name.toLowerCase()))?.values?.[0]?.trim() || undefined
  const name = value(FIELD_NAMES.name) ?? ([value(FIELD_NAMES.firstName), value(FIELD_NAMES.lastName)].filter(Boolean).join(' ') || undefined)
  const email = value(FIELD_NAMES.email)
  return { name: name?.slice(0, 120) ?? null, phone: validation.normalisePhone(value(FIELD_NAMES.phone)), email: email && validation.isEmail(email) ? email : null }
}

/**
 * A `leadgen` webhook (reference §2.3) carries no personal data: fetch the lead with the page's
 * token, map its fields, and add it to the tenant's leads — or, when the tenant already has a lead
 * with that phone, note the new form on it (deduplicated per tenant by phone). A new lead consumes
 * the monthly leads quota (the quotas plugin, on create); past the limit the event fails with the
 * reason, nothing is stored.
 */
export async function receiveLeadgen(req: PayloadRequest, event: StoredEvent): Promise<Outcome> {
  const value = event.payload as { leadgen_id?: string | number; form_id?: string | number }
  const { token } = await loadChannel(req, 'pages', event.payload.channelId)
  let lead: Lead
  try {
    lead = await graphRequest<Lead>(metaOptions(req.payload.config), { path: `/${value.leadgen_id}`, token, query: { fields: 'id,created_time,ad_id,form_id,field_data' } })
  } catch (error) {
    if (error instanceof GraphError && error.isTokenError) {
      await markDisconnected(req, 'pages', event.payload.channelId, error)
      return { ignored: `lead not fetched: the page token was refused (${error.code})` }
    }
    throw error
  }
  const { db, quotas, validation } = hostOf(req)
  const mapped = mapLead(lead, validation)
  if (!mapped.phone) return { ignored: 'the lead has no usable phone number' }
  const sourceRef = `lead-ad form ${lead.form_id ?? value.form_id ?? '?'} lead ${lead.id}`.slice(0, 200)
  const { docs } = await req.payload.find({
    collection: 'leads',
    where: { and: [{ tenant: { equals: event.tenantId } }, { phone: { equals: mapped.phone } }] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
  })
  if (docs[0]) {
    const tags = [...new Set([...(docs[0].tags ?? []), 'lead-ad'])]
    await req.payload.update({ collection: 'leads', id: docs[0].id, data: { tags, ...(docs[0].email ? {} : { email: mapped.email }) }, overrideAccess: true, req })
    return { ignored: `duplicate of lead ${docs[0].id} (same phone)` }
  }
  try {
    const phone = mapped.phone
    await db.inSavepoint(req, () =>
      req.payload.create({
        collection: 'leads',
        data: { tenant: event.tenantId, name: mapped.name ?? phone, phone, email: mapped.email, source: 'lead-ad', sourceRef, tags: ['lead-ad'], status: 'new' },
        overrideAccess: true,
        req,
      }),
    )
  } catch (error) {
    if (quotas.isQuotaExceeded(error)) return { ignored: `leads quota reached: ${(error as Error).message}` }
    throw error
  }
}
