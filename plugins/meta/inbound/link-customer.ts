import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook } from 'payload'

import { idOf as tenantIdOf } from '../ids'
import { hostOf } from '../options'
import { runSql } from '../run-sql'

/**
 * A customer saved with a phone links the tenant's WhatsApp conversations with that number that
 * have no customer yet (a contact who wrote before being entered as a customer); a phone is one
 * by the host's rule (a WhatsApp wa_id is it without the +). One statement in the save's
 * transaction and tenant context.
 */
export const linkConversations: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const phone = typeof doc.phone === 'string' ? doc.phone : ''
  if (!hostOf(req).validation.isPhone(phone) || (operation === 'update' && previousDoc?.phone === phone)) return doc
  await runSql(
    req,
    sql`update conversations set customer_id = ${doc.id}, updated_at = now()
        where tenant_id = ${tenantIdOf(doc.tenant)} and channel = 'whatsapp' and contact_id = ${phone.slice(1)} and customer_id is null`,
  )
  return doc
}
