/**
 * Entry point for the npm scripts: starts the database (embedded unless DATABASE_URL is set),
 * applies migrations, seeds demo data where asked, then runs Next.js or the Payload CLI.
 *
 *   dev               migrate, seed when empty, next dev
 *   start [--seed]    migrate, (seed when empty), next start
 *   migrate           apply pending migrations
 *   seed              apply migrations and add the demo data (idempotent)
 *   db                run only the database and print its URL
 *   payload <args>    the Payload CLI with DATABASE_URL set (migrate:create, migrate:status, ...)
 */
import { DatabaseStartError } from '../db/embedded-postgres'
import { resolveDatabase } from '../db/resolve-database'
import { ensureSecret } from './ensure-secret'
import { envWithConditions, NODE_CONDITIONS, runChild, takeOverShutdownSignals, waitForSignal, wasInterrupted } from './processes'

const [command = 'help', ...args] = process.argv.slice(2)

class Interrupted extends Error {}

/** Migrations and the Payload CLI connect as the tables' owner (src/db/adapter.ts). */
const asOwner = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, PAYLOAD_DATABASE_ROLE: 'migrate' })

/** Migrations (and demo data) run in a child so that the config is loaded with the env set. */
async function prepare(seedFlag: '--seed' | '--seed-if-empty' | null): Promise<void> {
  const args = [NODE_CONDITIONS, '--import', 'tsx', 'src/cli/tasks.ts', ...(seedFlag ? [seedFlag] : [])]
  const code = await runChild('node', args, asOwner(process.env))
  if (wasInterrupted()) throw new Interrupted()
  if (code !== 0) throw new Error(`database preparation failed (exit code ${code})`)
}

/** The web server runs the node-cron schedules and the job runner (src/jobs/scheduler.ts); RUN_SCHEDULES=0 turns them off. */
const withSchedules = (): NodeJS.ProcessEnv => ({ ...process.env, RUN_SCHEDULES: process.env.RUN_SCHEDULES ?? '1' })

/**
 * Demo and development only (`npm run dev`, never `npm start`): without AI_BASE_URL the inbox
 * assistant talks to the fake chat-completions server of the tests (tests/fakes/llm) on
 * loopback, which answers deterministically from the prompt — so the demo works offline.
 */
async function startDemoLlm(): Promise<null | { close: () => Promise<void> }> {
  if (process.env.AI_BASE_URL) return null
  const { startFakeLlm } = await import('../../tests/fakes/llm')
  const llm = await startFakeLlm({ apiKey: 'demo-ai-key', model: 'fake-gpt' })
  Object.assign(process.env, { AI_BASE_URL: llm.url, AI_API_KEY: llm.apiKey, AI_MODEL: llm.model })
  console.log(`AI_BASE_URL is unset: the inbox assistant uses the fake LLM at ${llm.url} (tests/fakes/llm; demo only).`)
  return llm
}

async function main(): Promise<number> {
  ensureSecret()
  if (command === 'help' || !['dev', 'start', 'migrate', 'seed', 'db', 'payload'].includes(command)) {
    console.log('usage: tsx src/cli/index.ts dev | start [--seed] | migrate | seed | db | payload <args>')
    return command === 'help' ? 0 : 2
  }
  process.env.NEXT_TELEMETRY_DISABLED ??= '1'
  const database = await resolveDatabase()
  takeOverShutdownSignals()
  try {
    switch (command) {
      case 'migrate':
        await prepare(null)
        return 0
      case 'seed':
        await prepare('--seed')
        return 0
      case 'db':
        console.log(`DATABASE_URL=${database.url}\nDATABASE_PLATFORM_URL=${database.platformUrl}\nDATABASE_MIGRATE_URL=${database.migrateUrl}\nPress Ctrl-C to stop.`)
        await waitForSignal()
        return 0
      case 'payload':
        return await runChild('payload', args, asOwner(envWithConditions()))
      case 'dev': {
        await prepare('--seed-if-empty')
        const llm = await startDemoLlm()
        try {
          return await runChild('next', ['dev', ...args], withSchedules())
        } finally {
          await llm?.close()
        }
      }
      case 'start':
        await prepare(args.includes('--seed') ? '--seed-if-empty' : null)
        return await runChild('next', ['start', ...args.filter((a) => a !== '--seed')], withSchedules())
    }
    return 2
  } finally {
    await database.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Interrupted) process.exit(130)
    if (error instanceof DatabaseStartError) console.error(`error: ${error.message}`)
    else console.error(error)
    process.exit(1)
  },
)
