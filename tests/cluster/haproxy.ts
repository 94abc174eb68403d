import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort, startProcess, waitForHttp, type Proc } from './processes'

/**
 * Debian's haproxy in front of the app instances: round robin, health checks on /api/health
 * every 500 ms (down after 2 failures), and a failed connection retried on the other server —
 * what a load balancer in front of this app should do. Each response says which instance
 * answered (`x-instance: app1`).
 */
export async function startHaproxy(backends: { name: string; port: number }[]): Promise<{ url: string; proc: Proc; stop: () => Promise<void> }> {
  const port = await freePort()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emerkater-haproxy-'))
  const config = [
    'global',
    '  maxconn 1024',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  option forwardfor',
    '  option redispatch',
    '  retries 2',
    'frontend app',
    `  bind 127.0.0.1:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /api/health',
    '  http-check expect status 200',
    '  http-response set-header x-instance %s',
    ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check inter 500ms fall 2 rise 2`),
    '',
  ].join('\n')
  const file = path.join(dir, 'haproxy.cfg')
  writeFileSync(file, config)
  const proc = startProcess('haproxy', ['-db', '-f', file])
  const url = `http://127.0.0.1:${port}`
  await waitForHttp(`${url}/api/health`, 20_000, proc)
  return {
    url,
    proc,
    stop: async () => {
      await proc.stop(5_000)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
