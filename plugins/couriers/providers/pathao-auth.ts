import { requestJson, type HttpRequest, type HttpResponse } from './http'
import { type AdapterContext, CourierError } from './types'
import { isRecord, requireStrings } from './util'

/** Pathao merchant API credentials (merchant panel → Developer's API). */
export type PathaoCredentials = { clientId: string; clientSecret: string; username: string; password: string }

/** Validates Pathao credentials; CourierError validation names the missing keys. */
export function parsePathaoCredentials(raw: unknown): PathaoCredentials {
  return requireStrings('pathao', raw, ['clientId', 'clientSecret', 'username', 'password'] as const)
}

/** The cached token of the account (ctx.cache key `token`). */
export type PathaoToken = { accessToken: string; refreshToken: null | string; expiresAt: number }

export const PATHAO_PREFIX = '/aladdin/api/v1'
const TOKEN_KEY = 'token'
/** Refresh ahead of expiry (tokens live 5 days). */
const REFRESH_AHEAD_MS = 60 * 60 * 1000

/**
 * Pathao's OAuth password grant (integrations.md §3.2) behind one `call`: the token is cached
 * with its expiry in ctx.cache, refreshed (grant_type refresh_token) within an hour of expiry,
 * re-issued with the password when the refresh is refused, and a call answered 401 is retried
 * once with a renewed token. Calls go to `{baseUrl}/aladdin/api/v1{path}`.
 */
export function pathaoSession(ctx: AdapterContext) {
  let credentials: PathaoCredentials | undefined
  const creds = () => (credentials ??= parsePathaoCredentials(ctx.credentials))

  async function grant(body: Record<string, unknown>): Promise<PathaoToken> {
    const c = creds()
    let res: HttpResponse
    try {
      res = await requestJson('pathao', ctx, { method: 'POST', path: `${PATHAO_PREFIX}/issue-token`, body: { client_id: c.clientId, client_secret: c.clientSecret, ...body } })
    } catch (error) {
      // A refused grant comes back 400 or 401 (invalid_grant / invalid_client): wrong credentials.
      if (error instanceof CourierError && (error.code === 'validation' || error.code === 'bad_credentials')) {
        throw new CourierError('pathao', 'bad_credentials', `Pathao refused the client id/secret or username/password: ${error.message}`, { httpStatus: error.httpStatus })
      }
      throw error
    }
    const b = res.body
    if (!isRecord(b) || typeof b.access_token !== 'string') throw new CourierError('pathao', 'bad_response', 'Pathao issued no access token')
    const expiresIn = typeof b.expires_in === 'number' && b.expires_in > 0 ? b.expires_in : 432000
    const token: PathaoToken = { accessToken: b.access_token, refreshToken: typeof b.refresh_token === 'string' ? b.refresh_token : null, expiresAt: Date.now() + expiresIn * 1000 }
    await ctx.cache.set(TOKEN_KEY, token, expiresIn * 1000)
    return token
  }

  const issue = () => grant({ grant_type: 'password', username: creds().username, password: creds().password })

  /** A fresh token: the refresh grant, else the password grant. */
  async function renew(old: PathaoToken | undefined): Promise<PathaoToken> {
    if (old?.refreshToken) {
      try {
        return await grant({ grant_type: 'refresh_token', refresh_token: old.refreshToken })
      } catch (error) {
        if (!(error instanceof CourierError) || error.code !== 'bad_credentials') throw error
      }
    }
    return issue()
  }

  async function token(): Promise<PathaoToken> {
    const cached = await ctx.cache.get<PathaoToken>(TOKEN_KEY)
    if (cached && cached.expiresAt - Date.now() > REFRESH_AHEAD_MS) return cached
    return cached ? renew(cached) : issue()
  }

  /** An authorised call; a 401 renews the token once and retries. */
  async function call(request: HttpRequest): Promise<HttpResponse> {
    const send = (t: PathaoToken) =>
      requestJson('pathao', ctx, { ...request, path: PATHAO_PREFIX + request.path, headers: { authorization: `Bearer ${t.accessToken}`, 'content-type': 'application/json; charset=UTF-8' } })
    const first = await token()
    try {
      return await send(first)
    } catch (error) {
      if (!(error instanceof CourierError) || error.code !== 'bad_credentials' || error.httpStatus !== 401) throw error
      await ctx.cache.delete(TOKEN_KEY)
      return send(await renew(first))
    }
  }

  return { call, token }
}
