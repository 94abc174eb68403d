import type { Endpoint, Payload, Where } from 'payload'

import type { MailSetting } from '../../../payload-types'

import { ADMINS, inShop, shopOf } from '../endpoints/settings'
import { fail } from '../errors'
import { hostOf } from '../options'
import { MAIL_SETTINGS } from './MailSettings'
import { buildTransport, loadShopMail, mailbox } from './shop-mail'

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string }

/** The SMTP server's own words where it gave any (e.g. `535 Authentication failed`), else the connection's error. */
const smtpText = (error: unknown) => {
  const e = error as SmtpError
  return (e?.response || e?.message || String(error)).replace(/\s+/g, ' ').trim().slice(0, 500)
}

/** Which setting the error points at, for `errors[].path`. */
const pathOf = (e: SmtpError) => (e?.code === 'EAUTH' ? 'password' : e?.command === 'MAIL FROM' || e?.responseCode === 553 || e?.responseCode === 550 ? 'fromAddress' : e?.code === 'ETLS' ? 'security' : 'host')

// Recorded on a connection of its own (outside any transaction of the request), so a refusal is kept although the request then fails.
const record = (payload: Payload, where: Where, data: Pick<MailSetting, 'lastTestError' | 'lastTestedAt' | 'verifiedAt'>) =>
  payload.update({ collection: MAIL_SETTINGS, where, data, depth: 0, overrideAccess: true })

/**
 * POST /api/tenant/mail/test[?tenant=] — tenant-admins: send a test email through the shop's own
 * SMTP settings (as they are, verified or not) to the caller's own address. Success records
 * `verifiedAt`, from then on the shop's mail goes out through it from its own address; a refusal
 * records the server's answer in `lastTestError`, clears `verifiedAt` and answers 422
 * `smtp_refused` with that answer.
 */
export const mailTestEndpoint: Endpoint = {
  path: '/tenant/mail/test',
  method: 'post',
  handler: async (req) => {
    const tenantId = await shopOf(req, ADMINS)
    const to = (req.user as { email?: string } | null)?.email
    if (!to) throw fail('unauthorized', 'Sign in first.', 401)
    return inShop(req, tenantId, async () => {
      const shop = await loadShopMail(req.payload, tenantId)
      const smtp = shop.smtp
      if (!smtp) throw fail('not_found', 'This shop has no mail settings yet: save its SMTP server (Shop → Mail settings) first.', 404)
      const testedAt = new Date().toISOString()
      const { renderShopEmail } = await import('./template')
      const content = {
        subject: `${shop.brand.name}: test email`,
        heading: 'Your SMTP server works',
        paragraphs: [`This test email went out through ${smtp.host}:${smtp.port} as ${smtp.fromAddress}.`, `From now on, ${shop.brand.name}’s emails are sent through this server and from this address.`],
      }
      const transporter = buildTransport(smtp, hostOf(req).secrets.decrypt)
      try {
        await transporter.sendMail({ ...(await renderShopEmail(shop.brand, content)), to, subject: content.subject, from: mailbox(smtp.fromName?.trim() || shop.senderName, smtp.fromAddress) })
      } catch (error) {
        const text = smtpText(error)
        await record(req.payload, { id: { equals: smtp.id } }, { verifiedAt: null, lastTestedAt: testedAt, lastTestError: text })
        throw fail('smtp_refused', `The SMTP server refused the test email: ${text}`, 422, { errors: [{ path: pathOf(error as SmtpError), message: text }] })
      } finally {
        transporter.close()
      }
      // Only if the settings are still the ones tested (a save meanwhile needs its own test).
      await record(req.payload, { and: [{ id: { equals: smtp.id } }, { updatedAt: { equals: smtp.updatedAt } }] }, { verifiedAt: testedAt, lastTestedAt: testedAt, lastTestError: null })
      return Response.json({ sent: true, to, verifiedAt: testedAt })
    })
  },
}
