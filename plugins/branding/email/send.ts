import type { Payload } from 'payload'

import { brandingOptions } from '../options'
import { loadShopMail, logoAttachment, mailbox, ownSmtp, platformBrand, shopTransport } from './shop-mail'
import type { ShopEmailContent } from './template'

/** Without a heading of its own: the subject without the shop's name before it ("Acme: your trial ends…" → "Your trial ends…"), which the email shows atop anyway. */
const headingOf = (subject: string, shop: string) => {
  const rest = subject.startsWith(`${shop}: `) ? subject.slice(shop.length + 2) : subject
  return rest.charAt(0).toUpperCase() + rest.slice(1)
}

/** One email: for a shop (`tenantId`), or the platform's own (`tenantId: null`, e.g. to someone whose shop was not opened). */
export type ShopEmail = ShopEmailContent & { tenantId: null | string; to: string | string[] }

/**
 * Send an email as the shop it is for (README, "Email"): in the shop's branded template (its
 * logo, colour, footer; HTML and plain text). From: the shop's own address through the shop's own
 * SMTP server once a test send through it succeeded; otherwise the platform's address and server,
 * with the shop's sender name (or its name) as the display name. Reply-To: the shop's support
 * email when it has one. The platform's mail goes through Payload's email adapter (SMTP_URL).
 */
export async function sendShopEmail(payload: Payload, message: ShopEmail): Promise<void> {
  const options = brandingOptions(payload.config)
  const { tenantId, to, ...content } = message
  const shop = tenantId ? await loadShopMail(payload, tenantId) : null
  // Loaded on first use: keeps React's server renderer out of the config's import graph (the admin's pages import it).
  const { renderShopEmail } = await import('./template')
  const brand = shop?.brand ?? platformBrand(options)
  const { html, text } = await renderShopEmail(brand, { ...content, heading: content.heading ?? headingOf(content.subject, brand.name) })
  const mail = { to, subject: content.subject, html, text, attachments: shop ? logoAttachment(shop) : [], ...(shop?.replyTo ? { replyTo: shop.replyTo } : {}) }
  const own = shop ? ownSmtp(shop) : null
  if (shop && own) {
    await shopTransport(shop.tenant.id, own, options.secrets.decrypt).sendMail({ ...mail, from: mailbox(own.fromName?.trim() || shop.senderName, own.fromAddress) })
    return
  }
  const platform = payload.email as unknown as { defaultFromAddress: string; defaultFromName: string }
  await payload.sendEmail({ ...mail, from: mailbox(shop?.senderName ?? platform.defaultFromName, platform.defaultFromAddress) })
}
