import { createHmac, timingSafeEqual } from 'node:crypto'

/** The link key: derived from Payload's secret (PAYLOAD_SECRET), used for nothing else. */
const keyOf = (secret: string) => createHmac('sha256', secret).update('e-merkater export download link v1').digest()

/** HMAC-SHA256 over `<id>.<expires>` (hex). */
export function signExport(secret: string, id: string, expires: number): string {
  return createHmac('sha256', keyOf(secret)).update(`${id}.${expires}`).digest('hex')
}

/** Whether `sig` is the signature of `<id>.<expires>` (constant-time compare). */
export function verifyExport(secret: string, id: string, expires: number, sig: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(sig) || !Number.isSafeInteger(expires)) return false
  const expected = Buffer.from(signExport(secret, id, expires), 'hex')
  return timingSafeEqual(expected, Buffer.from(sig, 'hex'))
}

/** `${SERVER_URL}/api/exports/<id>/download?expires=<unix seconds>&sig=<hmac>` */
export function downloadLink(secret: string, serverUrl: string, id: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000)
  return `${serverUrl.replace(/\/$/, '')}/api/exports/${id}/download?expires=${expires}&sig=${signExport(secret, id, expires)}`
}
