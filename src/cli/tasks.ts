/**
 * Database work that needs Payload: `migrate`, then optionally `--seed` (always) or
 * `--seed-if-empty`. Run by src/cli/index.ts (and the test setup) as a child process once
 * DATABASE_URL, DATABASE_MIGRATE_URL and PAYLOAD_SECRET are set, with Node's
 * `--conditions=production` (see NODE_CONDITIONS), connected as the owner
 * (PAYLOAD_DATABASE_ROLE=migrate). All of it is system work: row-level security is bypassed.
 */
import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import config from '../../payload.config'
import { closePayload } from '../db/close-payload'
import { grantStatements, platformGrantStatements, roleOf, settingsStatements } from '../db/roles'
import { auditRetentionDays } from '../audit/purge'
import { isDatabaseEmpty, printLogins, seed } from '../seed/seed'
import { encryptExistingRows } from '../tenancy/encrypt-existing'
import { rewrapTenantKeys } from '../tenancy/rotate-tenant-keys'
import { runAsSystem } from '../tenancy/request-context'
import { migrate } from './migrate'

const flags = new Set(process.argv.slice(2))

/**
 * Let the runtime role (DATABASE_URL) and the platform role (DATABASE_PLATFORM_URL) use the tables
 * the owner just migrated, list the platform role as the one whose bypass counts, and store the
 * settings the database enforces itself (audit retention).
 */
async function grantAppRoles(execute: (query: ReturnType<typeof sql>) => Promise<unknown>): Promise<void> {
  const { DATABASE_URL: runtime, DATABASE_MIGRATE_URL: owner, DATABASE_PLATFORM_URL: platform } = process.env
  const statements = settingsStatements(auditRetentionDays())
  if (runtime && owner && roleOf(runtime) !== roleOf(owner)) statements.push(...grantStatements(roleOf(runtime)))
  if (platform && owner && roleOf(platform) !== roleOf(owner)) {
    statements.push(...platformGrantStatements(roleOf(platform), runtime && roleOf(runtime) !== roleOf(platform) ? roleOf(runtime) : undefined))
  }
  for (const statement of statements) await execute(sql.raw(statement))
}

const payload = await getPayload({ config })
let code = 0
try {
  await runAsSystem('migrations', async () => {
    await migrate(payload)
    await grantAppRoles((query) => payload.db.drizzle.execute(query))
  })
  console.log('Migrations applied.')
  // Idempotent: tenant keys onto SECRETS_ACTIVE_KEY after a rotation, older rows onto tenant keys.
  const rewrapped = await rewrapTenantKeys(payload)
  if (rewrapped > 0) console.log(`Tenant keys re-wrapped with "${process.env.SECRETS_ACTIVE_KEY ?? 'the active key'}": ${rewrapped}.`)
  // After seeding too: the demo's history is written in bulk SQL, in plaintext.
  const seeded = flags.has('--seed') || (flags.has('--seed-if-empty') && (await isDatabaseEmpty(payload))) ? await seed(payload) : null
  const moved = await encryptExistingRows(payload)
  if (Object.values(moved).some(Boolean)) console.log(`Rows moved onto tenant keys: ${JSON.stringify(moved)}.`)
  if (seeded) printLogins(seeded)
} catch (error) {
  console.error(error)
  code = 1
} finally {
  await closePayload(payload)
}
process.exit(code)
