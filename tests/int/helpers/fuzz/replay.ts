import type { Concrete } from './requests'

const MAX_BODY_SHOWN = 600

/** A shell-quoted string ($'…' with escapes, so NUL, newlines and non-ASCII survive a copy-paste). */
const quote = (text: string) =>
  `$'${text
    .replace(/[\\']/g, (c) => `\\${c}`)
    .replace(/[^\x20-\x7e]/g, (c) => {
      const code = c.charCodeAt(0)
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
    })}'`

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text)

/** The body as text: UTF-8 when it decodes, else hex. */
function bodyText(body: string | Uint8Array): string {
  if (typeof body === 'string') return body
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return `<hex ${Buffer.from(body).toString('hex')}>`
  }
}

/** Collapse a long run of one character (`xxxx…`) so the line stays readable and says how long it was. */
const collapseRuns = (text: string) => text.replace(/(.)\1{40,}/gsu, (run, c: string) => `${c.repeat(8)}…[${c === '\u0000' ? 'NUL' : JSON.stringify(c)}×${[...run].length}]`)

/**
 * One failing request as a curl line against a running server (`npm run dev`), with the caller
 * named; long values are collapsed (the seed and path replay it exactly).
 */
export function replayLine(request: Concrete): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => {
      if (name === 'authorization' && /^JWT [\w-]+\.[\w-]+\.[\w-]+$/.test(value)) return `-H 'authorization: JWT <${request.caller} token>'`
      if (name === 'x-api-key' && request.caller === 'api-key' && value.startsWith('emk_')) return `-H 'x-api-key: <tenant A API key>'`
      return `-H ${quote(`${name}: ${shorten(collapseRuns(value), 200)}`)}`
    })
    .join(' ')
  const body = request.body === undefined ? '' : ` --data-binary ${quote(shorten(collapseRuns(bodyText(request.body)), MAX_BODY_SHOWN))}`
  return `[${request.caller}] curl -X ${request.method} ${quote(`http://localhost:3000/api${shorten(collapseRuns(request.path), 800)}`)} ${headers}${body}`
}
