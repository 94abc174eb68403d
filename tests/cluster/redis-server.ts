import { freePort, startProcess, type Proc } from './processes'

/**
 * A throwaway Redis (Debian's `redis-server`, installed by .ci/run) on a free loopback port,
 * nothing persisted.
 */
export async function startRedis(): Promise<{ url: string; port: number; proc: Proc; stop: () => Promise<void> }> {
  const port = await freePort()
  const proc = startProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'])
  await proc.waitForLine(/Ready to accept connections/, 15_000)
  return { url: `redis://127.0.0.1:${port}`, port, proc, stop: () => proc.stop(5_000) }
}
