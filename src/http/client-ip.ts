import { forwardedChain, normaliseIp } from './forwarded-chain'
import { isTrustedProxy } from './trusted-proxies'

/**
 * The client's IP address, for rate limits and the audit log — the one function every caller
 * uses (src/ratelimit, src/audit/request-meta.ts).
 *
 * Next.js route handlers get no socket. What they get is `X-Forwarded-For`: Next.js sets it to
 * the socket's peer when the request arrived without one, and a proxy in front appends the
 * address it was connected from. So the right-most hop is the peer we can see, and each hop was
 * written by the one to its right. Walking from the right, every hop that is a trusted proxy
 * (TRUSTED_PROXIES) vouches for the one to its left; the first hop that is not a trusted proxy
 * is the client. Anything left of it was written by the client itself and is ignored — a spoofed
 * `X-Forwarded-For` changes nothing. When every hop is a trusted proxy, the proxy's `X-Real-IP`
 * names the client if it sent one, else the left-most hop does.
 *
 * Null when there is no usable address (no header at all: a caller that is neither Next.js nor a
 * proxy, such as a script mounting the route handlers; or a garbled hop) — rate limits then
 * count all such callers together, which throttles rather than lets through.
 */
export function clientIp(headers: Headers): null | string {
  const chain = forwardedChain(headers)
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]
    if (hop === null) return null
    if (!isTrustedProxy(hop)) return hop
  }
  if (chain.length === 0) return null
  return normaliseIp(headers.get('x-real-ip')) ?? chain[0]!
}
