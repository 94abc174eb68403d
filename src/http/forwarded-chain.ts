import { isIP } from 'node:net'

/**
 * One address as a proxy writes it → the bare IP, or null when it is not one:
 * `203.0.113.7:51234` → `203.0.113.7`, `[2001:db8::1]:443` → `2001:db8::1`,
 * `::ffff:198.51.100.4` → `198.51.100.4` (an IPv4 client on a dual-stack socket).
 */
export function normaliseIp(value: null | string | undefined): null | string {
  let ip = value?.trim().replace(/^"|"$/g, '') ?? ''
  if (ip.startsWith('[')) ip = ip.slice(1, ip.indexOf(']') > 0 ? ip.indexOf(']') : undefined)
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(':'))
  ip = ip.toLowerCase()
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) ip = ip.slice(7)
  return isIP(ip) ? ip : null
}

/**
 * The `X-Forwarded-For` hops, left (the first client as claimed) to right (the hop nearest to
 * this server). An entry that is not an IP is kept as null: it is nobody we can count.
 */
export function forwardedChain(headers: Headers): (null | string)[] {
  const value = headers.get('x-forwarded-for')
  if (!value) return []
  return value.split(',').map((entry) => normaliseIp(entry))
}
