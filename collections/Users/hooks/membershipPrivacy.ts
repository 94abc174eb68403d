import type { CollectionAfterReadHook } from 'payload'
import { extractID } from 'payload/shared'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { memberships } from '../../../src/tenancy/memberships'

/**
 * afterRead of users: a person's memberships in other shops are private. Whoever reads another
 * person's account sees only the membership rows of the shops the reader belongs to; the person
 * themselves and the super-admin see all. (Row-level security hides the same rows again,
 * migrations/20261201_200000_identity_backstop.ts.)
 */
export const membershipPrivacy: CollectionAfterReadHook = ({ doc, req }) => {
  const reader = req.user
  if (!reader || isSuperAdmin(reader) || String(reader.id) === String(doc?.id) || !Array.isArray(doc?.tenants)) return doc
  const shared = new Set(memberships(reader).map((m) => m.tenant))
  return { ...doc, tenants: doc.tenants.filter((row: { tenant?: null | string | { id: string } }) => (row?.tenant ? shared.has(extractID(row.tenant)) : false)) }
}
