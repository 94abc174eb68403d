import { readFileSync } from 'node:fs'
import path from 'node:path'

import pg from 'pg'
import { APIError, Forbidden, NotFound, QueryError, ValidationError } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { AppError } from '../../src/errors/app-error'
import { classify } from '../../src/errors/classify'
import { ERROR_CODES } from '../../src/errors/codes'
import { errorMessage } from '../../src/errors/shape'

/**
 * The error mapping on its own: each kind of error a request can raise, as the one body and
 * status. Database errors are real ones, raised by the test PostgreSQL server, not built by hand.
 */
let client: pg.Client
const pgError = async (text: string, values: unknown[] = []): Promise<unknown> => {
  try {
    await client.query(text, values)
  } catch (error) {
    return error
  }
  throw new Error(`expected ${text} to fail`)
}

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject('ownerDatabaseUrl') })
  await client.connect()
  await client.query(`create temporary table mapping_probe (id uuid primary key, name varchar(5) not null unique, qty integer, at timestamptz, owner_id uuid references mapping_probe(id))`)
})
afterAll(async () => client.end())

const shapeOf = (error: unknown) => {
  const { status, body } = classify(error)
  expect(body.message.length, 'every error says what to do').toBeGreaterThan(0)
  expect(Object.keys(ERROR_CODES)).toContain(body.error)
  expect(ERROR_CODES[body.error].status >= 500).toBe(status >= 500)
  return { status, error: body.error, paths: body.errors.map((e) => e.path) }
}

describe('database errors caused by the input become 4xx naming the field', () => {
  it.each([
    ['a non-UUID id (22P02)', `select * from mapping_probe where id = $1`, ['not-a-uuid'], { status: 400, error: 'invalid_id' }],
    ['a number that is not one (22P02)', `select * from mapping_probe where qty = $1`, ['abc'], { status: 400, error: 'invalid_input' }],
    ['a date that is not one (22007)', `select * from mapping_probe where at < $1`, ['yesterday-ish'], { status: 400, error: 'invalid_input' }],
    ['a date out of range (22008)', `select * from mapping_probe where at < $1`, ['2026-13-45'], { status: 400, error: 'invalid_input' }],
    ['a NUL character (22021)', `insert into mapping_probe (id, name) values (gen_random_uuid(), $1)`, ['a\u0000b'], { status: 400, error: 'invalid_input' }],
    ['a number out of range (22003)', `insert into mapping_probe (id, name, qty) values (gen_random_uuid(), 'x', $1)`, ['99999999999'], { status: 400, error: 'invalid_input' }],
    ['a string too long (22001)', `insert into mapping_probe (id, name) values (gen_random_uuid(), $1)`, ['much too long'], { status: 400, error: 'invalid_input' }],
    ['a sort by an unknown column (42703)', `select * from mapping_probe order by nonexistent`, [], { status: 400, error: 'invalid_query' }],
    ['a negative offset (2201X)', `select * from mapping_probe offset $1`, [-1], { status: 400, error: 'invalid_query' }],
  ])('%s', async (_what, text, values, expected) => {
    expect(shapeOf(await pgError(text, values))).toMatchObject(expected)
  })

  it('names the column of a required field, a missing relation and a taken value', async () => {
    expect(shapeOf(await pgError(`insert into mapping_probe (id) values (gen_random_uuid())`))).toEqual({ status: 400, error: 'invalid_input', paths: ['name'] })
    expect(shapeOf(await pgError(`insert into mapping_probe (id, name, owner_id) values (gen_random_uuid(), 'o', gen_random_uuid())`))).toEqual({ status: 400, error: 'invalid_id', paths: ['owner'] })
    await client.query(`insert into mapping_probe (id, name) values (gen_random_uuid(), 'dup')`)
    expect(shapeOf(await pgError(`insert into mapping_probe (id, name) values (gen_random_uuid(), 'dup')`))).toEqual({ status: 409, error: 'duplicate', paths: ['name'] })
  })

  it('reads the PostgreSQL error under the wrappers (drizzle puts it in `cause`)', async () => {
    const wrapped = new Error('Failed query: select …', { cause: await pgError(`select $1::uuid`, ['1']) })
    expect(shapeOf(wrapped)).toMatchObject({ status: 400, error: 'invalid_id' })
  })

  it('keeps a database error the input did not cause a 500 that says nothing of the inside', async () => {
    const { status, body } = classify(await pgError(`select * from no_such_table_here`))
    expect(status).toBe(500)
    expect(body).toEqual({ error: 'internal_error', message: expect.any(String), errors: [] })
    expect(body.message).not.toContain('no_such_table_here')
  })

  it('answers 503 with Retry-After when the server is not there', async () => {
    const refused = new pg.Client({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 })
    const error = await refused.connect().then(
      () => null,
      (e: unknown) => e,
    )
    const { status, body, headers } = classify(error)
    expect([status, body.error, headers?.['Retry-After']]).toEqual([503, 'database_unavailable', '5'])
    expect(classify(new Error('Connection terminated unexpectedly')).status).toBe(503)
  })
})

describe('Payload’s errors and the app’s own', () => {
  it('a ValidationError is invalid_input with each field', () => {
    const error = new ValidationError({
      collection: 'products',
      errors: [
        { path: 'price', message: 'Price is required.' },
        { path: 'items.0.quantity', message: 'At least 1.' },
      ],
    })
    expect(classify(error)).toMatchObject({
      status: 400,
      body: {
        error: 'invalid_input',
        errors: [
          { path: 'price', message: 'Price is required.' },
          { path: 'items.0.quantity', message: 'At least 1.' },
        ],
      },
    })
  })

  it('Payload’s unique check is a duplicate (409)', () => {
    const error = new ValidationError({ collection: 'tenants', errors: [{ path: 'slug', message: 'Value must be unique' }] })
    expect(classify(error)).toMatchObject({ status: 409, body: { error: 'duplicate', errors: [{ path: 'slug', code: 'duplicate' }] } })
  })

  it('maps Payload’s classes by name, and plain APIErrors by status', () => {
    expect(shapeOf(new NotFound())).toEqual({ status: 404, error: 'not_found', paths: [] })
    expect(shapeOf(new Forbidden())).toEqual({ status: 403, error: 'forbidden', paths: [] })
    expect(shapeOf(new QueryError([{ path: 'secret' }]))).toEqual({ status: 400, error: 'invalid_query', paths: ['secret'] })
    expect(shapeOf(new APIError('An export is running.', 409, undefined, true))).toEqual({ status: 409, error: 'conflict', paths: [] })
    expect(shapeOf(new APIError('The link has expired.', 410, undefined, true))).toEqual({ status: 410, error: 'gone', paths: [] })
  })

  it('a plugin’s coded APIError keeps its code and its details beside the shape', () => {
    const quota = new APIError('Quota exceeded.', 403, { error: 'quota_exceeded', limit: 'numbers', used: 2, max: 2, plan: 'starter' }, true)
    expect(classify(quota).body).toEqual({ error: 'quota_exceeded', message: 'Quota exceeded.', errors: [], limit: 'numbers', used: 2, max: 2, plan: 'starter' })
  })

  it('an AppError is its code, status, fields and details; GraphQL’s wrapper is looked through', () => {
    const error = new AppError('out_of_stock', 'Not enough stock.', { path: 'items', details: { available: 0 } })
    expect(classify(error)).toEqual({ status: 409, body: { error: 'out_of_stock', message: 'Not enough stock.', errors: [{ path: 'items', message: 'Not enough stock.' }], available: 0 } })
    expect(classify({ originalError: error }).status).toBe(409)
  })

  it('broken bodies are 400s: busboy’s multipart errors and JSON syntax errors', () => {
    expect(shapeOf(new APIError('Unexpected end of form'))).toMatchObject({ status: 400, error: 'invalid_multipart' })
    expect(shapeOf(new APIError('Invalid JSON', 400))).toMatchObject({ status: 400, error: 'invalid_json' })
    const syntax = (() => {
      try {
        JSON.parse('{"a":')
      } catch (e) {
        return e
      }
    })()
    expect(shapeOf(syntax)).toMatchObject({ status: 400, error: 'invalid_json' })
  })

  it('anything else is a 500 internal_error whose message says nothing of the inside', () => {
    const { status, body } = classify(new TypeError("Cannot read properties of undefined (reading 'secretKey')"))
    expect(status).toBe(500)
    expect(body.message).not.toMatch(/secretKey/)
  })
})

describe('the one client-side reader of the shape', () => {
  it('shows the field messages, else the message, else the status', () => {
    expect(errorMessage({ error: 'invalid_input', message: 'The following field is invalid: sku', errors: [{ path: 'sku', message: 'SKU is taken.' }] }, 400)).toBe('SKU is taken.')
    expect(errorMessage({ error: 'forbidden', message: 'Your role may not do this.', errors: [] }, 403)).toBe('Your role may not do this.')
    expect(errorMessage(null, 502)).toBe('The server answered 502.')
  })
})

describe('the list of codes', () => {
  it('is documented in the README with each code’s status, and nothing else is', () => {
    const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8')
    const documented = [...readme.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code, Number(status)])
    expect(documented).toEqual(Object.entries(ERROR_CODES).map(([code, { status }]) => [code, status]))
  })
})
