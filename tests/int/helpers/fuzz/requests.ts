import fc from 'fast-check'
import { createHmac } from 'node:crypto'

import type { Chooser, Method } from './targets'
import { deepNesting, headerString, hostileId, hostileJson, hostileNumber, hostileString, NASTY_KEYS, toJson } from './values'
import type { CallerName, World } from './world'

/** A request as sent: method, path with its query string, headers, raw body. */
export type Concrete = {
  method: Method
  path: string
  headers: Record<string, string>
  body?: string | Uint8Array
  /** What the request was aimed at (for the summary and grouping). */
  target: string
  /** The target with its collection as a placeholder (`GET /<collection>/:id`), for grouping causes. */
  shape: string
  caller: CallerName
  /** Built so that it cannot succeed: a 2xx is a finding. */
  mustRefuse: boolean
  /** Could change data (for the report; every request is held to "stores nothing"). */
  write: boolean
  kind: 'rest' | 'graphql'
  /** For GraphQL mutations that must be refused: the field whose data must stay null. */
  graphqlField?: string
}

/** Which document a path or body id points at; resolved against the world when sent. */
export type IdChoice = { kind: 'own' | 'foreign' | 'raw'; n: number; raw: string }

export const idChoice: fc.Arbitrary<IdChoice> = fc.record({
  kind: fc.constantFrom('own', 'own', 'foreign', 'raw', 'raw', 'raw'),
  n: fc.nat(7),
  raw: hostileId,
})

/** The id an IdChoice names. Writes never name the caller's own documents (nor, for the super-admin, any real one). */
export function resolveId(world: World, choice: IdChoice, collection: string | undefined, caller: CallerName, write: boolean): string {
  let kind = choice.kind
  if (write && kind === 'own') kind = 'foreign'
  if (write && caller === 'super-admin') kind = 'raw'
  if (kind === 'raw' || !collection) return choice.raw
  const pool = (kind === 'own' ? world.own : world.foreign)[collection] ?? []
  return pool.length > 0 ? pool[choice.n % pool.length] : choice.raw
}

/** The body of a request, before it is serialised. */
export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'text'; text: string; contentType: string | null }
  | { kind: 'truncated'; value: unknown; keep: number }
  | { kind: 'bytes'; bytes: Uint8Array; contentType: string | null }
  | { kind: 'multipart'; parts: { name: string; filename?: string; type?: string; content: string }[]; breakage: 'none' | 'truncated' | 'no-boundary' | 'wrong-boundary' | 'no-final' }
  | { kind: 'form'; pairs: [string, string][] }
  | { kind: 'huge' }

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json; charset=utf-16', 'application/vnd.api+json', 'application/json;;;=']
const OTHER_TYPES = [
  null,
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'text/csv',
  'application/octet-stream',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'image/png',
  'foo/bar',
  '*/*',
  'application/graphql',
  ';;;',
]

/** An object with the target's field names (and nasty keys), every value hostile. */
export const hostileObject = (fieldNames: string[]): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 4, arbitrary: fieldNames.length ? fc.constantFrom(...fieldNames) : fc.constant('name') },
          { weight: 1, arbitrary: fc.constantFrom(...NASTY_KEYS) },
          { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
        ),
        hostileJson,
      ),
      { minLength: 0, maxLength: 6 },
    )
    .map((entries) => {
      const out: Record<string, unknown> = {}
      for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
      return out
    })

/** Bytes that are not UTF-8 (lone continuation bytes, overlongs, surrogates) and NUL. */
const badUtf8 = fc.constantFrom(
  Uint8Array.from([0xff, 0xfe, 0x7b, 0x7d]),
  Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  Uint8Array.from([0xc0, 0xaf, 0x00, 0x00]),
  Uint8Array.from([0x00, 0x7b, 0x7d]),
  Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]),
)

export const bodySpec = (fieldNames: string[]): fc.Arbitrary<BodySpec> => {
  const object = hostileObject(fieldNames)
  return fc.oneof(
    { weight: 40, arbitrary: fc.record({ kind: fc.constant('json' as const), value: object, contentType: fc.constantFrom(...JSON_TYPES.slice(0, 2)) }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.oneof(hostileJson, fc.array(object, { maxLength: 3 }), deepNesting), contentType: fc.constantFrom(...JSON_TYPES) }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('truncated' as const), value: object, keep: fc.double({ min: 0, max: 0.99, noNaN: true }) }) },
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        text: fc.oneof(
          object.map((o) => toJson(o)),
          hostileString,
        ),
        contentType: fc.constantFrom(...OTHER_TYPES),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        text: fc.constantFrom('', ' ', 'null', '[]', '"x"', '{', '{"a":', '{"a":1}}', '\u0000', '{"a":"\\u0000"}', '{"a":1,"a":2}', '{"__proto__":{"x":1}}', '['.repeat(50_000)),
        contentType: fc.constantFrom('application/json', null),
      }),
    },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: badUtf8, contentType: fc.constantFrom('application/json', 'text/csv', null) }) },
    {
      weight: 10,
      arbitrary: fc.record({
        kind: fc.constant('multipart' as const),
        parts: fc.array(
          fc.oneof(
            object.map((o) => ({ name: '_payload', content: toJson(o) })),
            fc.record({ name: fc.constantFrom('_payload', 'file', 'alt', '', '__proto__'), content: hostileString }),
            fc.record({
              name: fc.constantFrom('file', 'file', 'upload'),
              filename: fc.oneof(fc.constantFrom('a.png', 'a.csv', '../../etc/passwd', 'a\u0000.png', '', '.htaccess', 'x'.repeat(300)), fc.string({ maxLength: 12 })),
              type: fc.constantFrom('image/png', 'text/csv', 'application/x-msdownload', 'image/svg+xml', ''),
              content: fc.oneof(hostileString, fc.constantFrom('\x89PNG\r\n\x1a\n\u0000\u0000', 'name,sku,price\nA,B,1\n', '<svg onload=alert(1)>')),
            }),
          ),
          { minLength: 0, maxLength: 3 },
        ),
        breakage: fc.constantFrom('none', 'none', 'truncated', 'no-boundary', 'wrong-boundary', 'no-final'),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('form' as const),
        pairs: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fieldNames, '_payload', 'a[b][c]', '__proto__[x]'), fc.string({ maxLength: 8 })), hostileString), { maxLength: 4 }),
      }),
    },
    { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'huge' as const }) },
  )
}

/** Percent-encoding of any string: a lone surrogate (which no URL can carry) becomes U+FFFD first. */
export const enc = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))

const BOUNDARY = '----fuzzBoundary7MA4YWxkTrZu0gW'

/** The body's bytes and Content-Type (null: no header). */
export function serialise(body: BodySpec): { body?: string | Uint8Array; contentType: string | null } {
  switch (body.kind) {
    case 'none':
      return { contentType: null }
    case 'json':
      return { body: toJson(body.value), contentType: body.contentType }
    case 'text':
      return { body: body.text, contentType: body.contentType }
    case 'truncated': {
      const text = toJson(body.value)
      return { body: text.slice(0, Math.max(0, Math.floor(text.length * body.keep))), contentType: 'application/json' }
    }
    case 'bytes':
      return { body: body.bytes, contentType: body.contentType }
    case 'form':
      return { body: body.pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'), contentType: 'application/x-www-form-urlencoded' }
    case 'huge':
      // 3 MB of JSON: one huge string field.
      return { body: JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) }), contentType: 'application/json' }
    case 'multipart': {
      const parts = body.parts.map(
        (p) =>
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n${p.content}\r\n`,
      )
      let text = parts.join('') + (body.breakage === 'no-final' ? '' : `--${BOUNDARY}--\r\n`)
      if (body.breakage === 'truncated') text = text.slice(0, Math.floor(text.length / 2))
      const contentType =
        body.breakage === 'no-boundary' ? 'multipart/form-data' : body.breakage === 'wrong-boundary' ? 'multipart/form-data; boundary=somethingElse' : `multipart/form-data; boundary=${BOUNDARY}`
      return { body: text, contentType }
    }
  }
}

/** Query parameters Payload reads, and values that are wrong for each. */
export const queryPairs = (fieldNames: string[]): fc.Arbitrary<[string, string][]> => {
  const field = fc.oneof(
    { weight: 3, arbitrary: fieldNames.length ? fc.constantFrom(...fieldNames) : fc.constant('id') },
    { weight: 1, arbitrary: fc.constantFrom('id', 'tenant', 'tenant.name', 'createdAt', 'nope', 'a.b.c.d', '__proto__', '', 'password', 'hash', 'sessions', 'tenants.role', 'items.product.name') },
    { weight: 1, arbitrary: hostileString.filter((s) => s.length < 300) },
  )
  const operator = fc.constantFrom(
    'equals',
    'not_equals',
    'in',
    'not_in',
    'all',
    'like',
    'contains',
    'exists',
    'greater_than',
    'greater_than_equal',
    'less_than',
    'less_than_equal',
    'near',
    'within',
    'intersects',
    'nope',
    '',
    '__proto__',
  )
  const value = fc.oneof(
    hostileString.filter((s) => s.length < 70_000),
    hostileNumber.map(String),
    fc.uuid(),
  )
  const where = fc.oneof(
    fc.tuple(field, operator, value).map(([f, o, v]): [string, string][] => [[`where[${f}][${o}]`, v]]),
    fc.tuple(field, value).map(([f, v]): [string, string][] => [[`where[${f}]`, v]]),
    value.map((v): [string, string][] => [['where', v]]),
    fc.tuple(fc.constantFrom(2, 30, 300), fc.constantFrom('and', 'or'), field, value).map(([depth, op, f, v]): [string, string][] => [[`where${`[${op}][0]`.repeat(depth)}[${f}][equals]`, v]]),
    fc.tuple(field, operator, fc.array(value, { maxLength: 3 })).map(([f, o, vs]) => vs.map((v, i): [string, string] => [`where[${f}][${o}][${i}]`, v])),
    fc.tuple(field, fc.constantFrom(21, 1_001)).map(([f, n]): [string, string][] => [[`where[${f}][in]`, Array.from({ length: n }, (_, i) => `v${i}`).join(',')]]),
  )
  const scalar = (name: string, values: fc.Arbitrary<string>) => values.map((v): [string, string][] => [[name, v]])
  const badNumber = fc.oneof(fc.constantFrom('-1', '0', '1.5', 'abc', '', 'NaN', 'Infinity', '1e10', '99999999999999999999', '0x10', ' 1', '1 ', '-0', '1,2', '[1]'), hostileNumber.map(String))
  const pair = fc.oneof(
    { weight: 4, arbitrary: where },
    {
      weight: 2,
      arbitrary: scalar(
        'sort',
        fc.oneof(
          field,
          field.map((f) => `-${f}`),
          fc.constantFrom('', '-', '--id', 'id,-id,nope', ',,,', 'createdAt;drop'),
        ),
      ),
    },
    { weight: 2, arbitrary: scalar('limit', badNumber) },
    { weight: 2, arbitrary: scalar('page', badNumber) },
    { weight: 2, arbitrary: scalar('depth', fc.oneof(badNumber, fc.constantFrom('11', '100', '1000000'))) },
    {
      weight: 1,
      arbitrary: scalar(
        'locale',
        fc.oneof(
          fc.constantFrom('xx', '*', 'all', 'en', '../..', '%00', 'x'.repeat(500)),
          hostileString.filter((s) => s.length < 300),
        ),
      ),
    },
    { weight: 1, arbitrary: scalar('fallback-locale', fc.constantFrom('none', 'xx', '', 'null')) },
    { weight: 1, arbitrary: scalar('draft', fc.constantFrom('true', 'false', 'maybe', '', '1', 'null')) },
    { weight: 1, arbitrary: scalar('trash', fc.constantFrom('true', 'maybe', '')) },
    { weight: 1, arbitrary: scalar('pagination', fc.constantFrom('false', 'true', 'maybe', '0')) },
    { weight: 1, arbitrary: fc.tuple(field, fc.constantFrom('true', 'false', '1', 'x', '')).map(([f, v]): [string, string][] => [[`select[${f}]`, v]]) },
    { weight: 1, arbitrary: fc.tuple(field, fc.constantFrom('true', 'x', '')).map(([f, v]): [string, string][] => [[`populate[${f}]`, v]]) },
    { weight: 1, arbitrary: fc.tuple(field, fc.constantFrom('limit', 'sort', 'where', 'count'), badNumber).map(([f, k, v]): [string, string][] => [[`joins[${f}][${k}]`, v]]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('limit', 'page', 'depth', 'sort', 'locale', 'where', 'tenant', 'dryRun', 'min', 'token', 'slug'), fc.constantFrom('[]', '[0]', '[a]', '[__proto__]'))
        .map(([k, b]): [string, string][] => [
          [`${k}${b}`, '1'],
          [`${k}${b}`, '2'],
        ]),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('tenant', 'dryRun', 'skipBadRows', 'min', 'token', 'slug', 'expires', 'sig', 'src', 'hub.mode', 'hub.verify_token', 'hub.challenge', 'email'),
          fc.oneof(
            hostileString.filter((s) => s.length < 5_000),
            fc.uuid(),
          ),
        )
        .map(([k, v]): [string, string][] => [[k, v]]),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          hostileString.filter((s) => s.length < 200),
          hostileString.filter((s) => s.length < 200),
        )
        .map(([k, v]): [string, string][] => [[k, v]]),
    },
  )
  return fc.array(pair, { maxLength: 4 }).map((lists) => lists.flat())
}

/** Bracket keys are sent as they are (Payload's qs reads them); everything else percent-encoded. A few raw bad escapes pass through. */
export function queryString(pairs: [string, string][]): string {
  if (pairs.length === 0) return ''
  const encodeKey = (key: string) => enc(key).replace(/%5B/gi, '[').replace(/%5D/gi, ']')
  const encodeValue = (value: string) => (/^%(ZZ|E0%A4%A|)$/.test(value) ? value : enc(value))
  return `?${pairs.map(([k, v]) => `${encodeKey(k)}=${encodeValue(v)}`).join('&')}`
}

export type HeaderChoice = {
  tenantHeader: 'none' | 'a' | 'b' | 'hostile'
  hostileTenant: string
  extra: [string, string][]
  badAuth: 'none' | 'jwt' | 'bearer' | 'apikey' | 'cookie' | 'basic'
  badAuthValue: string
}

export const headerChoice: fc.Arbitrary<HeaderChoice> = fc.record({
  tenantHeader: fc.constantFrom('none', 'none', 'a', 'a', 'b', 'hostile'),
  hostileTenant: headerString,
  extra: fc.array(
    fc.tuple(
      fc.constantFrom(
        'accept-language',
        'origin',
        'referer',
        'x-tenant-id',
        'accept',
        'x-request-id',
        'x-http-method-override',
        'x-forwarded-host',
        'x-real-ip',
        'x-payload-http-method-override',
        'if-none-match',
        'range',
      ),
      headerString,
    ),
    { maxLength: 2 },
  ),
  badAuth: fc.constantFrom('none', 'none', 'none', 'none', 'jwt', 'bearer', 'apikey', 'cookie', 'basic'),
  badAuthValue: headerString,
})

/** The caller's headers, a client IP of its own, and the generated extras. */
export function headersFor(world: World, caller: CallerName, choice: HeaderChoice, ip: string, contentType: string | null): Record<string, string> {
  const headers: Record<string, string> = { 'x-forwarded-for': ip }
  if (contentType !== null) headers['content-type'] = contentType
  Object.assign(headers, world.auth[caller])
  if (choice.tenantHeader === 'a') headers['x-tenant'] = world.a.slug
  if (choice.tenantHeader === 'b') headers['x-tenant'] = world.b.slug
  if (choice.tenantHeader === 'hostile') headers['x-tenant'] = choice.hostileTenant
  for (const [name, value] of choice.extra) headers[name] = value
  // A garbled credential in place of (or, for anonymous, instead of no) a real one.
  const bad = choice.badAuthValue
  if (choice.badAuth === 'jwt') headers.authorization = `JWT ${bad}`
  if (choice.badAuth === 'bearer') headers.authorization = `Bearer emk_${bad}`
  if (choice.badAuth === 'basic') headers.authorization = `Basic ${bad}`
  if (choice.badAuth === 'apikey') headers['x-api-key'] = bad || 'emk_x'
  if (choice.badAuth === 'cookie') headers.cookie = `payload-token=${bad}; payload-tenant=${bad}`
  return headers
}

/** A small deterministic PRNG for guards (mulberry32), from the request's salt. */
export function chooser(salt: number): Chooser {
  let state = salt >>> 0
  return <T>(choices: readonly T[]): T => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296
    return choices[Math.floor(r * choices.length)]
  }
}

export const META_APP_SECRET = () => process.env.META_APP_SECRET ?? 'test-app-secret'
export const signMeta = (raw: string | Uint8Array) => `sha256=${createHmac('sha256', META_APP_SECRET()).update(raw).digest('hex')}`

/** A Meta-shaped delivery with hostile leaves (the webhook's own format, so extraction runs). */
export const metaDelivery: fc.Arbitrary<unknown> = fc.record({
  object: fc.oneof(fc.constantFrom('whatsapp_business_account', 'page', 'instagram'), hostileJson),
  entry: fc.oneof(
    fc.array(
      fc.record({
        id: fc.oneof(fc.constantFrom('3000001', '100001'), hostileJson),
        time: fc.oneof(hostileNumber, hostileJson),
        changes: fc.oneof(
          fc.array(
            fc.record({
              field: fc.oneof(fc.constantFrom('messages', 'leadgen', 'message_template_status_update'), hostileJson),
              value: fc.oneof(
                hostileJson,
                fc.record({
                  metadata: fc.oneof(hostileJson, fc.record({ phone_number_id: hostileJson })),
                  messages: fc.array(hostileJson, { maxLength: 2 }),
                  statuses: fc.array(hostileJson, { maxLength: 2 }),
                  contacts: hostileJson,
                  leadgen_id: hostileJson,
                  message_template_id: hostileJson,
                }),
              ),
            }),
            { maxLength: 2 },
          ),
          hostileJson,
        ),
        messaging: fc.oneof(
          fc.array(
            fc.record({
              sender: fc.oneof(hostileJson, fc.record({ id: hostileJson })),
              message: fc.oneof(hostileJson, fc.record({ mid: hostileJson, text: hostileJson, is_echo: hostileJson })),
              postback: hostileJson,
              timestamp: hostileJson,
            }),
            { maxLength: 2 },
          ),
          hostileJson,
        ),
      }),
      { maxLength: 2 },
    ),
    hostileJson,
  ),
})
