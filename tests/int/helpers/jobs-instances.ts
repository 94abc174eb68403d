import { spawn } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'jobs-instance.ts')

type Event = { event: string; pid: number; [key: string]: unknown }

/** A second (third, …) app instance in its own process; see jobs-instance.ts for its commands. */
export type Instance = {
  pid: number
  send: (command: string) => void
  /** The next event named `name` (an `error` event or the process ending rejects). */
  next: <T extends Event = Event>(name: string, timeoutMs?: number) => Promise<T>
  stop: () => Promise<number | null>
  /** What it wrote to stderr so far (why it died, when it did). */
  stderr: () => string
}

/**
 * Start an instance: a real Node process that loads payload.config.ts natively (hence
 * `--conditions=production`, see README "Notes and workarounds") against the test database,
 * with the environment tests/int/setup-env.ts gave this process (runtime role, secret).
 * Schedules stay off (RUN_SCHEDULES=0): the test fires them. `entry` is another instance script
 * speaking the same `@@` protocol (ratelimit-instance.ts); `env` adds to or overrides its environment.
 */
export function startInstance(entry: string = ENTRY, env: Record<string, string> = {}): Instance {
  const child = spawn(process.execPath, ['--conditions=production', '--import', 'tsx', entry], {
    cwd: process.cwd(),
    env: { ...process.env, RUN_SCHEDULES: '0', LOG_LEVEL: 'fatal', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const events: Event[] = []
  const waiters: { name: string; resolve: (e: Event) => void; reject: (e: Error) => void }[] = []
  let stderr = ''
  let ended: Error | undefined
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

  const settle = () => {
    for (const waiter of [...waiters]) {
      const i = events.findIndex((e) => e.event === waiter.name || e.event === 'error')
      if (i >= 0) {
        const [event] = events.splice(i, 1)
        waiters.splice(waiters.indexOf(waiter), 1)
        if (event.event === 'error') waiter.reject(new Error(`instance ${child.pid}: ${String(event.message)}`))
        else waiter.resolve(event)
      } else if (ended) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.reject(ended)
      }
    }
  }
  child.stderr.on('data', (chunk) => (stderr += String(chunk)))
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('@@ ')) return
    events.push(JSON.parse(line.slice(3)) as Event)
    settle()
  })
  void exited.then((code) => {
    ended = new Error(`instance ${child.pid} exited (${code}) before answering:\n${stderr.slice(-4000)}`)
    settle()
  })

  return {
    pid: child.pid!,
    send: (command) => child.stdin.write(`${command}\n`),
    next: <T extends Event>(name: string, timeoutMs = 120_000) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`instance ${child.pid}: no '${name}' within ${timeoutMs} ms\n${stderr.slice(-4000)}`)), timeoutMs)
        waiters.push({
          name,
          resolve: (e) => (clearTimeout(timer), resolve(e as T)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        })
        settle()
      }),
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) {
        child.stdin.write('exit\n')
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
        const code = await exited
        clearTimeout(timer)
        return code
      }
      return child.exitCode
    },
  }
}
