import { fail } from '../errors'

/** The body as JSON, refusing more than `limit` bytes (413) and anything that is not JSON (400). */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? NaN)
  const tooLarge = () => fail('payload_too_large', `A courier webhook is at most ${limit} bytes; this one is larger.`, 413)
  if (Number.isFinite(declared) && declared > limit) throw tooLarge()
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => undefined)
        throw tooLarge()
      }
      chunks.push(value)
    }
  }
  const text = Buffer.concat(chunks, size).toString('utf8')
  if (text.trim() === '') throw fail('invalid_json', 'The webhook body is empty; couriers send a JSON object.', 400)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw fail('invalid_json', 'The webhook body is not JSON.', 400)
  }
}
