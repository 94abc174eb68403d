import { spawn, type ChildProcess } from 'node:child_process'
import readline from 'node:readline'

/** A child process whose output lines are kept, started in a process group of its own (so SIGKILL reaches its children). */
export type Proc = {
  child: ChildProcess
  lines: string[]
  /** Resolves with the first line matching `pattern` (rejects if the process ends first). */
  waitForLine: (pattern: RegExp, timeoutMs: number) => Promise<string>
  /** SIGKILL to the whole group: a crash, no shutdown of any kind. */
  kill: () => Promise<void>
  /** SIGTERM to the group, then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>
  exited: Promise<number | null>
}

export function startProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; keep?: number } = {}): Proc {
  const child = spawn(command, args, { cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  const watchers = new Set<(line: string) => void>()
  const keep = options.keep ?? 50_000
  const onLine = (line: string) => {
    lines.push(line)
    if (lines.length > keep) lines.splice(0, lines.length - keep)
    for (const watch of watchers) watch(line)
  }
  readline.createInterface({ input: child.stdout }).on('line', onLine)
  readline.createInterface({ input: child.stderr }).on('line', onLine)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig)
    } catch {
      // already gone
    }
  }
  const waitForLine = (pattern: RegExp, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const found = lines.find((line) => pattern.test(line))
      if (found) return resolve(found)
      const timer = setTimeout(() => done(new Error(`no line matching ${pattern} within ${timeoutMs} ms from ${command}:\n${lines.slice(-40).join('\n')}`)), timeoutMs)
      const watch = (line: string) => pattern.test(line) && done(null, line)
      const done = (error: Error | null, line?: string) => {
        clearTimeout(timer)
        watchers.delete(watch)
        if (error) reject(error)
        else resolve(line!)
      }
      watchers.add(watch)
      void exited.then((code) => done(new Error(`${command} exited (${code}) before printing ${pattern}:\n${lines.slice(-40).join('\n')}`)))
    })
  return {
    child,
    lines,
    waitForLine,
    exited,
    kill: async () => {
      signal('SIGKILL')
      await exited
    },
    stop: async (graceMs = 15_000) => {
      if (child.exitCode !== null) return
      signal('SIGTERM')
      const timer = setTimeout(() => signal('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** A free loopback port. */
export const freePort = async (): Promise<number> => {
  const net = await import('node:net')
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** Poll `url` until it answers 200 (or `timeoutMs` passes). */
export async function waitForHttp(url: string, timeoutMs: number, proc?: Proc): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (proc && proc.child.exitCode !== null) throw new Error(`exited (${proc.child.exitCode}) before ${url} answered:\n${proc.lines.slice(-60).join('\n')}`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) })
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms${proc ? `:\n${proc.lines.slice(-60).join('\n')}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
