import { route } from './api'

type Options = { token?: string; query?: Record<string, string>; multipart?: boolean; contentType?: string; headers?: Record<string, string> }

/**
 * POST a CSV file to `/api/imports/:collection` through the app's real route handler: as the
 * raw body (`text/csv`) or, with `multipart`, as the `file` field of a form.
 */
export async function postImport(collection: string, csv: string | Uint8Array, options: Options = {}): Promise<{ status: number; body: any }> {
  const url = new URL(`http://localhost/api/imports/${collection}`)
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value)
  const headers: Record<string, string> = { ...(options.token ? { authorization: `JWT ${options.token}` } : {}), ...options.headers }
  let body: BodyInit
  if (options.multipart) {
    body = new FormData()
    body.append('file', new Blob([csv as BlobPart], { type: 'text/csv' }), `${collection}.csv`)
  } else {
    body = csv as BodyInit
    headers['content-type'] = options.contentType ?? 'text/csv'
  }
  const request = new Request(url, { method: 'POST', headers, body })
  const response = await route(request)
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}
