import { writeFileSync } from 'node:fs'
import path from 'node:path'

import { startFakeSmtp } from '../fakes/smtp'

/**
 * The app under test sends its mail to a real SMTP server on loopback (tests/fakes/smtp) for the
 * whole run, on the port playwright.config.ts gave it; each message is written as JSON into
 * EMERKATER_E2E_MAIL_DIR, where specs read it (mailbox.ts). Stopped when the run ends.
 */
export default async function globalSetup() {
  const dir = process.env.EMERKATER_E2E_MAIL_DIR!
  let n = 0
  const smtp = await startFakeSmtp(undefined, Number(process.env.EMERKATER_E2E_SMTP_PORT), (mail) => {
    const to = (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address) ?? [])
    writeFileSync(path.join(dir, `${String(++n).padStart(5, '0')}.json`), JSON.stringify({ to, subject: mail.subject, text: mail.text }))
  })
  return () => smtp.close()
}
