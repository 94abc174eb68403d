import { AppError } from '../errors/app-error'

const KiB = 1024
const MiB = 1024 * KiB

/** "64 KiB", "1 MiB", "1500 bytes": the size a 413 names. */
export const sizeLabel = (bytes: number): string => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : bytes % KiB === 0 ? `${bytes / KiB} KiB` : `${bytes} bytes`)

export const tooLarge = (maxBytes: number) => new AppError('payload_too_large', `The body is larger than ${sizeLabel(maxBytes)}.`, { details: { maxBytes } })

/** The Content-Type's essence, lower case (`application/json`), and its parameters' text. */
export function mediaTypeOf(headers: Headers): { type: string; params: string } {
  const [type = '', ...params] = (headers.get('content-type') ?? '').split(';')
  return { type: type.trim().toLowerCase(), params: params.join(';').toLowerCase() }
}

/** What Content-Length declares, or NaN when it is absent (a chunked body) or not a number. */
export const declaredLength = (headers: Headers): number => {
  const value = headers.get('content-length')
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : NaN
}

/** A Request, or Payload's request (whose Request properties are optional in its type). */
export type BodySource = Pick<Request, 'headers'> & Partial<Pick<Request, 'body'>>

/**
 * The request body's bytes, refusing more than `maxBytes` (413): at once when Content-Length
 * says so, otherwise as soon as the stream passes the limit, without reading the rest.
 */
export async function readLimited(request: BodySource, maxBytes: number): Promise<Uint8Array> {
  if (declaredLength(request.headers) > maxBytes) throw tooLarge(maxBytes)
  if (!request.body) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}

/** The same request with `body` (already read, checked) in place of its stream. */
export const withBody = (request: Request, body: Uint8Array, headers: Headers = request.headers): Request => new Request(request, { body: body as BodyInit, headers })
