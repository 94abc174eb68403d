import fc from 'fast-check'

import { NASTY_STRINGS } from '../../../../src/platform-health/selfcheck/hostile-values'

/**
 * Hostile values: what a careless or malicious client sends where the API expects a name, a
 * number, an id or a small object. Every arbitrary here is deterministic for a seed.
 */

/** Lengths of the huge strings: just past typical limits, and well past them. */
const HUGE_LENGTHS = [256, 1_025, 10_001, 65_537, 300_000]

export const hugeString = fc
  .tuple(fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom('x', 'é', '😀', '\u0000', 'a\u0000', '%', '<'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length))

/** Any hostile string: the list above, random text of every kind, or a huge one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: hugeString },
)

/** Strings safe to put in a header value (printable ASCII; undici refuses the rest client-side). */
export const headerString = fc.oneof(
  fc.constantFrom('', ' ', 'null', 'undefined', '-1', '../', "' OR 1=1 --", '%00', 'x'.repeat(8_000), '00000000-0000-0000-0000-000000000000', 'shop-does-not-exist', '__proto__'),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
)

export const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0.0001, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, Number.MIN_VALUE, 999_999_999_999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/**
 * A value nested `depth` levels deep, as arrays or objects. JSON has no depth limit of its own,
 * but V8's JSON.stringify overflows its stack past a few thousand levels: so this is a marker
 * that toJson() writes out directly.
 */
export class Deep {
  constructor(
    readonly depth: number,
    /** `arrays` [[[…]]], `objects` {"a":{"a":…}}, `or` a where clause { OR: [{ OR: [ … ] }] }. */
    readonly kind: 'arrays' | 'objects' | 'or',
    readonly leaf: unknown,
  ) {}
  [fc.toStringMethod]() {
    return `Deep(${this.depth}, ${this.kind}, ${JSON.stringify(this.leaf)?.slice(0, 20)})`
  }
  /** The nesting as text, around the leaf as written by `write` (JSON, or GraphQL's literal syntax). */
  wrap(write: (leaf: unknown) => string, graphql = false): string {
    const [open, close] = this.kind === 'arrays' ? ['[', ']'] : this.kind === 'objects' ? (graphql ? ['{ a: ', ' }'] : ['{"a":', '}']) : graphql ? ['{ OR: [', '] }'] : ['{"OR":[', ']}']
    return `${open.repeat(this.depth)}${write(this.leaf)}${close.repeat(this.depth)}`
  }
}

export const deepNesting = fc
  .tuple(
    fc.constantFrom(20, 200, 2_000, 20_000),
    fc.boolean(),
    hostileString.filter((s) => s.length < 100),
  )
  .map(([depth, asArray, leaf]) => new Deep(depth, asArray ? 'arrays' : 'objects', leaf))

/** JSON.stringify that writes Deep markers out (and never overflows on them). */
export function toJson(value: unknown): string {
  if (value instanceof Deep) return value.wrap(toJson)
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJson(v))).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Keys that must never reach an object's prototype, or that name Payload's own fields. */
export const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'id', '_id', 'tenant', 'createdAt', 'updatedAt', '_status', 'password', 'hash', 'salt', 'roles', '', ' ', 'a.b', 'a[0]', '$where', '\u0000']

/** An own property called `__proto__` (an object literal would set the prototype instead). */
export const withProtoKey = (value: unknown) => {
  const out: Record<string, unknown> = {}
  Object.defineProperty(out, '__proto__', { value, enumerable: true, writable: true, configurable: true })
  Object.defineProperty(out, 'constructor', { value: { prototype: { polluted: true } }, enumerable: true, writable: true, configurable: true })
  return out
}

/** Any hostile JSON value, recursively: a value of the wrong type wherever one is expected. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: hostileString },
    { weight: 3, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }) },
    { weight: 1, arbitrary: tie('value').map(withProtoKey) },
    { weight: 1, arbitrary: deepNesting },
  ),
})).value

/** An id as a client might garble it (never one of a real document). */
export const hostileId = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'not-a-uuid',
      '1',
      '0',
      '-1',
      '1.5',
      'null',
      'undefined',
      'NaN',
      'me',
      'count',
      '%00',
      '%ZZ',
      '..',
      '...',
      "1' OR '1'='1",
      '00000000-0000-0000-0000-000000000000',
      '3f2a8c1e-1111-4222-8333-44445555666',
      '3f2a8c1e-1111-4222-8333-444455556666x',
      '{3f2a8c1e-1111-4222-8333-444455556666}',
      '3F2A8C1E111142228333444455556666',
      ' 3f2a8c1e-1111-4222-8333-444455556666',
    ),
  },
  { weight: 3, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
  { weight: 2, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 5_000) },
)

/** Something in an `email` field that is certainly not an email address. */
export const notAnEmail: fc.Arbitrary<unknown> = fc.oneof(
  hostileString.map((s) => s.replace(/@/g, '')),
  hostileNumber,
  fc.constantFrom(null, true, [], {}, ['a@b.c'], { email: 'a@b.c' }),
)
