import type { Payload } from 'payload'

import { sendShopEmail as send, type ShopEmail } from '../../plugins/branding'

export type { ShopEmail }

/**
 * The one way the app sends email (invitations, sign-up, trial, exports, and through their host
 * options the quota, billing, Meta and courier plugins): the shop's branded template, its From/Reply-To and
 * its own SMTP server when verified, else the platform's (plugins/branding/README.md, "Email").
 * `tenantId: null` for the platform's own mail.
 */
export const sendShopEmail = (payload: Payload, message: ShopEmail): Promise<void> => send(payload, message)
