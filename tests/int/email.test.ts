import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { emailAdapter } from '../../src/email/email-adapter'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp'
import { getTestPayload } from './helpers/payload'

/** The adapter is built per SMTP_URL, as payload.config.ts does at startup. */
const adapterWith = async (smtpUrl: string | undefined, payload: Payload) => {
  const previous = process.env.SMTP_URL
  if (smtpUrl) process.env.SMTP_URL = smtpUrl
  else delete process.env.SMTP_URL
  try {
    return (await emailAdapter())({ payload })
  } finally {
    if (previous === undefined) delete process.env.SMTP_URL
    else process.env.SMTP_URL = previous
  }
}

describe('email', () => {
  let payload: Payload
  let smtp: FakeSmtp

  beforeAll(async () => {
    payload = await getTestPayload()
    smtp = await startFakeSmtp()
  })
  afterAll(async () => {
    await smtp.close()
  })

  it('delivers through SMTP_URL to a real SMTP server, authenticated', async () => {
    const adapter = await adapterWith(smtp.url, payload)
    await adapter.sendEmail({ to: 'owner@acme.test', subject: 'Welcome to e-merkater', text: 'Your shop is ready.' })
    const [mail] = await smtp.waitFor(1)
    expect(mail.subject).toBe('Welcome to e-merkater')
    expect(mail.text?.trim()).toBe('Your shop is ready.')
    expect(mail.from?.text).toContain('no-reply@e-merkater.local')
    expect(JSON.stringify(mail.to)).toContain('owner@acme.test')
  })

  it('fails loudly on wrong SMTP credentials instead of dropping the mail', async () => {
    const adapter = await adapterWith(smtp.url.replace('mailer-pass', 'wrong'), payload)
    await expect(adapter.sendEmail({ to: 'x@acme.test', subject: 'nope', text: 'nope' })).rejects.toThrow(/auth/i)
  })

  it('without SMTP_URL logs the mail and sends nothing', async () => {
    const before = smtp.messages.length
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined)
    const adapter = await adapterWith(undefined, payload)
    await adapter.sendEmail({ to: 'owner@acme.test', subject: 'Logged only', text: 'x' })
    expect(info.mock.calls.flat().join(' ')).toContain('Logged only')
    info.mockRestore()
    expect(smtp.messages.length).toBe(before)
  })
})
