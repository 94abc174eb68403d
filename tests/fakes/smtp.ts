import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type FakeSmtp = {
  url: string
  messages: ParsedMail[]
  /** Resolves once `count` messages have arrived (or rejects after the timeout). */
  waitFor: (count: number, timeoutMs?: number) => Promise<ParsedMail[]>
  close: () => Promise<void>
}

/**
 * A real SMTP server on loopback (npm `smtp-server`) that keeps what it receives, parsed.
 * Requires AUTH like a provider would; plain text since it only listens on 127.0.0.1.
 */
export async function startFakeSmtp(credentials = { user: 'mailer', pass: 'mailer-pass' }, port = 0, onMessage?: (mail: ParsedMail) => void): Promise<FakeSmtp> {
  const messages: ParsedMail[] = []
  const waiters: (() => void)[] = []
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) return callback(null, { user: auth.username })
      callback(new Error('535 Authentication failed'))
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          onMessage?.(mail)
          waiters.splice(0).forEach((wake) => wake())
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const listening = (server.server.address() as AddressInfo).port

  const waitFor = (count: number, timeoutMs = 5_000) =>
    new Promise<ParsedMail[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected ${count} emails, got ${messages.length}`)), timeoutMs)
      const check = () => {
        if (messages.length >= count) {
          clearTimeout(timer)
          resolve(messages)
        } else waiters.push(check)
      }
      check()
    })

  return {
    url: `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${listening}`,
    messages,
    waitFor,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
