import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'

// Before any test file imports payload.config.ts, which reads these when it is loaded.
process.env.DATABASE_URL = inject('databaseUrl')
process.env.PAYLOAD_SECRET = inject('payloadSecret')
process.env.DISABLE_PAYLOAD_HMR = 'true'
process.env.PAYLOAD_DISABLE_DEPENDENCY_CHECKER = 'true'
process.env.LOG_LEVEL ??= 'fatal'
// Uploads of the test run go to a throwaway directory, never the developer's .data/media.
process.env.MEDIA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'emerkater-media-'))
process.env.EXPORT_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'emerkater-exports-'))
