import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiError, failureMessage, restClient } from '../../src/admin/rest-client'

type Seen = { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }

let server: Server
let base: string
let seen: Seen

/** A stand-in API: /ok echoes, /refused answers the one error body, /html a proxy's error page. */
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      seen = { method: req.method, url: req.url, headers: req.headers, body }
      if (req.url?.startsWith('/api/ok')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ done: true }))
      if (req.url === '/api/refused') {
        const refusal = { error: 'invalid_input', message: 'Check the fields.', errors: [{ path: 'email', message: 'A valid email address is required.' }] }
        return res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(refusal))
      }
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('the admin REST client (src/admin/rest-client.ts)', () => {
  it('sends JSON with the client headers and returns the parsed answer', async () => {
    const rest = restClient(base, { 'x-tenant-id': 'shop-1' })
    await expect(rest('PATCH', '/ok?depth=0', { name: 'Acme' })).resolves.toEqual({ done: true })
    expect(seen).toMatchObject({ method: 'PATCH', url: '/api/ok?depth=0', body: '{"name":"Acme"}' })
    expect(seen.headers).toMatchObject({ 'content-type': 'application/json', 'x-tenant-id': 'shop-1', accept: 'application/json' })
  })

  it('sends FormData as multipart, and no body at all when there is none', async () => {
    const form = new FormData()
    form.append('file', new Blob(['name,sku\nMug,MUG']), 'products.csv')
    await restClient(base)('POST', '/ok', form)
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(seen.body).toContain('name,sku')
    await restClient(base)('POST', '/ok')
    expect(seen.headers['content-type']).toBeUndefined()
    expect(seen.body).toBe('')
  })

  it('throws an ApiError with the words of the error body, its status and the body itself', async () => {
    const error = await restClient(base)('POST', '/refused', { email: 'x' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ message: 'A valid email address is required.', status: 400, body: { error: 'invalid_input' } })
    expect(failureMessage(error, 'fallback')).toBe('A valid email address is required.')
  })

  it('falls back to the page’s own words when the answer is not JSON or never comes', async () => {
    const notJson = await restClient(base)('GET', '/html').catch((e: unknown) => e)
    expect(notJson).toMatchObject({ status: 502, body: null })
    expect(failureMessage(notJson, 'The server did not answer; try again.')).toBe('The server did not answer; try again.')
    const unreachable = await restClient('http://127.0.0.1:9/api')('GET', '/ok').catch((e: unknown) => e)
    expect(failureMessage(unreachable, 'Offline.')).toBe('Offline.')
  })
})
