import type { PayloadRequest } from 'payload'

import type { ResolvedCouriersOptions } from '../options'

export type Refusal = { invoice?: null | string; provider?: null | string; message: string }

const PROVIDERS: Record<string, string> = { steadfast: 'Steadfast', pathao: 'Pathao', redx: 'RedX' }

/**
 * Tell the shop's tenant-admins that the courier refused some parcels (in the shop's email, the
 * host's sendShopEmail): each order with the courier's words, and a link to the shipments. A
 * failure to email is logged, never fails the booking job (the refusals are already recorded on
 * the shipments, and a retry would not email them again).
 */
export async function emailRefusals(req: PayloadRequest, options: ResolvedCouriersOptions, tenantId: string, refusals: Refusal[]): Promise<void> {
  try {
    const { tenancy } = options
    const [{ name }, admins] = await Promise.all([tenancy.tenantFacts(req, tenantId), tenancy.tenantAdmins(req, tenantId)])
    const provider = PROVIDERS[refusals[0].provider ?? ''] ?? 'The courier'
    const n = refusals.length
    const email = {
      tenantId,
      subject: `${name}: ${provider} refused ${n === 1 ? 'a parcel' : `${n} parcels`}`,
      paragraphs: [
        `${provider} did not accept ${n === 1 ? 'this booking' : 'these bookings'}; ${n === 1 ? 'the order' : 'the orders'} can be booked again once fixed.`,
        ...refusals.map((r) => `Order ${r.invoice ?? '(no number)'}: ${r.message}`),
      ],
      action: { label: 'Open the shipments', url: `${options.publicUrl ?? process.env.SERVER_URL ?? ''}/admin/collections/shipments` },
    }
    for (const admin of admins) await tenancy.sendShopEmail(req.payload, { ...email, to: admin.email })
  } catch (error) {
    req.payload.logger.error({ err: error }, `couriers: the refusal email to tenant ${tenantId} failed`)
  }
}
