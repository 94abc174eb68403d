import { pathaoAdapter, parsePathaoCredentials } from './pathao'
import { parseRedxCredentials, redxAdapter } from './redx'
import { parseSteadfastCredentials, steadfastAdapter } from './steadfast'
import type { AdapterContext, CourierAdapter, Provider } from './types'

/**
 * The courier providers behind one interface (types.ts): `adapterFor(provider, ctx)` gives the
 * adapter of one account; the rest are the pieces the plugin shares with them (phone
 * normalisation, the canonical status model, credential parsing).
 */

export * from './types'
export { toLocalPhone } from './phone'
export { isTerminal, mapStatus, moves, STATUS_RANK } from './status-map'
export { parseSteadfastCredentials, steadfastAdapter, STEADFAST_BULK_MAX, type SteadfastCredentials } from './steadfast'
export { pathaoAdapter, parsePathaoCredentials, pathaoWeightKg, type PathaoCredentials } from './pathao'
export { PATHAO_ECHO_HEADER, PATHAO_FIXED_HANDSHAKE_SECRET } from './pathao-webhook'
export { parseRedxCredentials, redxAdapter, type RedxCredentials } from './redx'

/** The adapter of one courier account. Credentials are checked on the first API call (webhook parsing needs none). */
export function adapterFor(provider: Provider, ctx: AdapterContext): CourierAdapter {
  switch (provider) {
    case 'steadfast':
      return steadfastAdapter(ctx)
    case 'pathao':
      return pathaoAdapter(ctx)
    case 'redx':
      return redxAdapter(ctx)
  }
}

/** Validates an account's credentials for its provider (CourierError validation naming the missing keys). */
export function parseCredentials(provider: Provider, raw: unknown): Record<string, string> {
  switch (provider) {
    case 'steadfast':
      return parseSteadfastCredentials(raw)
    case 'pathao':
      return parsePathaoCredentials(raw)
    case 'redx':
      return parseRedxCredentials(raw)
  }
}
