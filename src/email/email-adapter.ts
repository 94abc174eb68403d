import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { Transport } from 'nodemailer'
import nodemailer from 'nodemailer'

const defaults = {
  defaultFromAddress: process.env.EMAIL_FROM ?? 'no-reply@e-merkater.local',
  defaultFromName: process.env.EMAIL_FROM_NAME ?? 'e-merkater',
}

/**
 * Without SMTP_URL, mail is written to the log instead of sent. (email-nodemailer without a
 * transport would try to create an online test account, which this product must never do.)
 */
const logTransport: Transport = {
  name: 'log',
  version: '1.0.0',
  send(mail, callback) {
    const { from, to, subject } = mail.data
    const envelope = mail.message.getEnvelope()
    const messageId = mail.message.messageId()
    console.info(`[email] not sent (SMTP_URL is unset): to=${JSON.stringify(to)} from=${JSON.stringify(from)} subject=${JSON.stringify(subject)}`)
    callback(null, { envelope, messageId })
  },
}

/** Email through SMTP_URL (e.g. smtp://user:pass@host:587), or logged when unset. */
export const emailAdapter = () => {
  const smtpUrl = process.env.SMTP_URL
  return nodemailerAdapter({
    ...defaults,
    skipVerify: true,
    transport: smtpUrl ? nodemailer.createTransport(smtpUrl) : nodemailer.createTransport(logTransport),
  })
}
