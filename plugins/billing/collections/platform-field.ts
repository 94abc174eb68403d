import type { Field, FieldAccess } from 'payload'

import type { ResolvedBillingOptions } from '../options'

/**
 * A field only the platform writes: Stripe's facts as the webhook job mirrors them (its writes
 * use `overrideAccess`), and the super-admin mending a record by hand. No tenant role writes it,
 * over any API.
 */
export function platformField(options: ResolvedBillingOptions): (field: Field) => Field {
  const platform: FieldAccess = ({ req }) => options.access.isSuperAdmin(req.user)
  return (field) => ({ ...field, access: { create: platform, update: platform } }) as Field
}
