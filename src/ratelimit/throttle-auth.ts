import { createHash } from 'node:crypto'

import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { clientIp } from '../http/client-ip'
import { UNKNOWN_IP } from './by-ip'
import { enforce } from './enforce'

const pathOf = (req: PayloadRequest) => {
  try {
    return new URL(req.url ?? '', 'http://x').pathname
  } catch {
    return ''
  }
}

/**
 * Only the caller's own sign-in or reset request counts: REST `/users/login`,
 * `/users/forgot-password`, or GraphQL (`loginUser`, `forgotPasswordUser`). The Local API calls
 * the app makes itself with an HTTP request's `req` (an invitation asks for a reset token) do not.
 */
const isOwnRequest = (req: PayloadRequest, route: string) => {
  if (req.payloadAPI === 'GraphQL') return true
  return req.payloadAPI === 'REST' && pathOf(req).endsWith(`/users/${route}`)
}

/** Emails are counted by hash: the rate-limit table holds no addresses. */
const emailKey = (email: string) => createHash('sha256').update(email).digest('hex')

/**
 * Users `beforeOperation`: sign-ins are limited per IP (`login-ip`), then per email tried
 * (`login-email`, counted whatever the outcome, like Payload's own lockout), password resets per
 * IP (`forgot-password`). Runs before the password is checked, so a throttled attempt learns
 * nothing about the account and costs no hash.
 */
export const throttleAuth: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login' && operation !== 'forgotPassword') return args
  if (!isOwnRequest(req, operation === 'login' ? 'login' : 'forgot-password')) return args
  const ip = clientIp(req.headers) ?? UNKNOWN_IP
  if (operation === 'forgotPassword') {
    await enforce(req, 'forgot-password', { key: ip })
    return args
  }
  const data = (args as { data?: { email?: unknown } }).data
  const email = typeof data?.email === 'string' ? data.email.trim().toLowerCase().slice(0, 254) : ''
  // The IP first: attempts it refuses do not count against the email, or a throttled stranger
  // could go on keeping the account's owner out.
  await enforce(req, 'login-ip', { key: ip })
  if (email) await enforce(req, 'login-email', { key: emailKey(email), label: email })
  return args
}
