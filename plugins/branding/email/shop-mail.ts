import nodemailer, { type Transporter } from 'nodemailer'
import type { Payload } from 'payload'

import type { MailSetting, Media, Tenant } from '../../../payload-types'
import { SHOP_SETTINGS } from '../collections/ShopSettings'
import { brandingOptions, type ResolvedBrandingOptions } from '../options'
import { MAIL_SETTINGS } from './MailSettings'
import type { EmailBrand } from './template'
import { logoFile, type LogoFile } from '../logo-file'

/** Everything one shop's email needs: its look, whom replies go to, the display name, its own SMTP settings (if any). */
export type ShopMail = { tenant: Tenant; brand: EmailBrand; senderName: string; replyTo: null | string; smtp: MailSetting | null; logo: LogoFile | null }

const mediaId = (m: unknown): null | string => (m && typeof m === 'object' ? String((m as Media).id) : typeof m === 'string' && m ? m : null)

/** The platform's own look, for mail that belongs to no shop. */
export const platformBrand = (options: ResolvedBrandingOptions): EmailBrand => ({ name: options.platform.name, logoUrl: null, primaryColor: null, footer: null, platformName: options.platform.name })

/**
 * One shop's branding (its settings document, else what its tenant record carries) and SMTP
 * settings, read in that shop's own tenant context (row-level security holds the reads to it) on
 * connections of their own: never inside the caller's transaction, whose context may be another
 * (a platform job, an invitation made as the system).
 */
export async function loadShopMail(payload: Payload, tenantId: string): Promise<ShopMail> {
  const options = brandingOptions(payload.config)
  return options.tenancy.runWithTenant({ tenantId, via: 'job' }, async () => {
    const tenant = await payload.findByID({ collection: 'tenants', id: tenantId, depth: 1, overrideAccess: true, disableErrors: true })
    if (!tenant) throw new Error(`email: no tenant ${tenantId}`)
    const shopWhere = { tenant: { equals: tenantId } }
    const settings = (await payload.find({ collection: SHOP_SETTINGS, where: shopWhere, depth: 1, limit: 1, sort: 'createdAt', overrideAccess: true })).docs[0]
    // The shop's first mail settings document is the one (there is no unique index per tenant).
    const smtp = (await payload.find({ collection: MAIL_SETTINGS, where: shopWhere, depth: 0, limit: 1, sort: 'createdAt', overrideAccess: true, context: { [options.secrets.revealKey]: true } })).docs[0]
    const b = settings?.branding ?? {}
    const name = tenant.displayName || tenant.name
    // The logo travels inside the email (a cid: part): the media route serves a shop's files only to
    // its staff and its own storefront host, never to a mail client fetching from the platform's.
    const logoId = mediaId(b.logo) ?? mediaId(tenant.branding?.logo)
    const logo = logoId ? await logoFile(payload, logoId).catch(() => null) : null
    const brand: EmailBrand = {
      name,
      logoUrl: logo ? `cid:${logoCid(tenant.slug)}` : null,
      primaryColor: b.primaryColor || tenant.branding?.primaryColor || null,
      footer: b.emailFooter?.trim() || null,
      platformName: options.platform.name,
    }
    return { tenant, brand, senderName: b.senderName?.trim() || name, replyTo: b.supportEmail || null, smtp: smtp ?? null, logo }
  })
}

/** The content id of a shop's logo part in its emails. */
export const logoCid = (slug: string) => `logo.${slug.replace(/[^a-z0-9-]/gi, '')}@e-merkater`

/** The logo as an inline attachment the HTML's `cid:` image points at. */
export const logoAttachment = (mail: ShopMail) =>
  mail.logo ? [{ filename: mail.logo.filename, content: mail.logo.data, contentType: mail.logo.mimeType, cid: logoCid(mail.tenant.slug), contentDisposition: 'inline' as const }] : []

/** Whether the shop's own SMTP is in use: switched on, and a test send through exactly these settings succeeded. */
export const ownSmtp = (mail: ShopMail): MailSetting | null => (mail.smtp && mail.smtp.enabled !== false && mail.smtp.verifiedAt ? mail.smtp : null)

/** `"Name" <address>` with the name quoted (a comma or a quote in a shop's name must not split the header). */
export const mailbox = (name: string, address: string) => `"${name.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '\\$&')}" <${address}>`

/** A nodemailer transport for one shop's settings, with its password decrypted. */
export function buildTransport(smtp: MailSetting, decrypt: (stored: string) => string): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ? decrypt(smtp.password) : '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
}

// One transport per shop, rebuilt when its settings change (their id and updatedAt); the key is
// the shop's id and the settings are that shop's own, so one shop's mail never uses another's.
const transports = new Map<string, { stamp: string; transporter: Transporter }>()

export function shopTransport(tenantId: string, smtp: MailSetting, decrypt: (stored: string) => string): Transporter {
  const stamp = `${smtp.id}:${smtp.updatedAt}`
  const cached = transports.get(tenantId)
  if (cached?.stamp === stamp) return cached.transporter
  cached?.transporter.close()
  const transporter = buildTransport(smtp, decrypt)
  transports.set(tenantId, { stamp, transporter })
  return transporter
}
