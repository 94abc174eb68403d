import type { Payload } from 'payload'

import { emailAdapter } from '../../../src/email/email-adapter'

/**
 * Point the shared Payload instance's email at `smtpUrl` (a fake SMTP server on loopback), as
 * if it had started with SMTP_URL set; returns a function that restores the previous adapter.
 */
export async function routeEmailTo(payload: Payload, smtpUrl: string): Promise<() => void> {
  const previous = { email: payload.email, sendEmail: payload.sendEmail, env: process.env.SMTP_URL }
  process.env.SMTP_URL = smtpUrl
  try {
    const adapter = (await emailAdapter())({ payload })
    payload.email = adapter
    payload.sendEmail = (message) => adapter.sendEmail(message)
  } finally {
    if (previous.env === undefined) delete process.env.SMTP_URL
    else process.env.SMTP_URL = previous.env
  }
  return () => {
    payload.email = previous.email
    payload.sendEmail = previous.sendEmail
  }
}
