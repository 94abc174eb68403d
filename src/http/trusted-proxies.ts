import { BlockList, isIP } from 'node:net'

/** Loopback only: a proxy on the same host (nginx, Caddy) or Next.js filling in its own socket. */
export const DEFAULT_TRUSTED_PROXIES = '127.0.0.1,::1'

let cached: { source: string; list: BlockList } | undefined

/** `10.0.0.0/8` → a subnet, `192.0.2.7` → an address; anything else is a configuration error. */
function parse(source: string): BlockList {
  const list = new BlockList()
  for (const raw of source
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, bits, extra] = raw.split('/')
    const family = isIP(address ?? '')
    if (!family || extra !== undefined) throw new Error(`TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR block`)
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (bits === undefined) list.addAddress(address, type)
    else {
      const prefix = Number(bits)
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: bad prefix in "${raw}"`)
      list.addSubnet(address, prefix, type)
    }
  }
  return list
}

/**
 * Whether `ip` (already normalised, see forwarded-chain.ts) is one of TRUSTED_PROXIES
 * (comma-separated addresses and CIDR blocks; default loopback). Read at every call, parsed
 * once per distinct value, so tests and operators can change it without a restart.
 */
export function isTrustedProxy(ip: string): boolean {
  const source = process.env.TRUSTED_PROXIES ?? DEFAULT_TRUSTED_PROXIES
  if (cached?.source !== source) cached = { source, list: parse(source) }
  const family = isIP(ip)
  return family !== 0 && cached.list.check(ip, family === 4 ? 'ipv4' : 'ipv6')
}
