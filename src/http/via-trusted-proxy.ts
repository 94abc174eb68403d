import { forwardedChain } from './forwarded-chain'
import { isTrustedProxy } from './trusted-proxies'

/**
 * Whether the nearest hop we can see (the right-most `X-Forwarded-For` entry, see client-ip.ts)
 * is a trusted proxy, so the headers a proxy sets — `X-Forwarded-Host` — can be believed.
 * In development Next.js writes its loopback peer there (trusted by default). Behind one proxy
 * that appends the client, the right-most hop is the client: pass the original `Host` instead
 * (nginx `proxy_set_header Host $host`); behind two tiers, list the outer tier's addresses.
 */
export function viaTrustedProxy(headers: Headers): boolean {
  const hop = forwardedChain(headers).at(-1)
  return typeof hop === 'string' && isTrustedProxy(hop)
}
