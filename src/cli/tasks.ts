/**
 * Database work that needs Payload: `migrate`, then optionally `--seed` (always) or
 * `--seed-if-empty`. Run by src/cli/index.ts as a child process once DATABASE_URL and
 * PAYLOAD_SECRET are set, with Node's `--conditions=production` (see NODE_CONDITIONS).
 */
import { getPayload } from 'payload'

import config from '../../payload.config'
import { closePayload } from '../db/close-payload'
import { isDatabaseEmpty, printLogins, seed } from '../seed/seed'
import { migrate } from './migrate'

const flags = new Set(process.argv.slice(2))

const payload = await getPayload({ config })
let code = 0
try {
  await migrate(payload)
  console.log('Migrations applied.')
  if (flags.has('--seed') || (flags.has('--seed-if-empty') && (await isDatabaseEmpty(payload)))) {
    printLogins(await seed(payload))
  }
} catch (error) {
  console.error(error)
  code = 1
} finally {
  await closePayload(payload)
}
process.exit(code)
