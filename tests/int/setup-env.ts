import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'

// Before any test file imports payload.config.ts, which reads these when it is loaded.
process.env.DATABASE_URL = inject('databaseUrl')
process.env.DATABASE_PLATFORM_URL = inject('platformDatabaseUrl')
process.env.PAYLOAD_SECRET = inject('payloadSecret')
process.env.DISABLE_PAYLOAD_HMR = 'true'
process.env.PAYLOAD_DISABLE_DEPENDENCY_CHECKER = 'true'
process.env.LOG_LEVEL ??= 'fatal'
// Uploads of the test run go to a throwaway directory, never the developer's .data/media.
process.env.MEDIA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'emerkater-media-'))
process.env.EXPORT_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'emerkater-exports-'))
// Meta (plugins/meta): a known app secret and verify token; Graph points at a closed loopback
// port until a test starts tests/fakes/meta and sets META_GRAPH_URL, so nothing ever leaves the
// machine; jobs run only when a test drains the queue (no in-process kick), for determinism.
process.env.META_APP_SECRET ??= 'test-app-secret'
process.env.META_VERIFY_TOKEN ??= 'test-verify-token'
process.env.META_GRAPH_URL ??= 'http://127.0.0.1:9'
process.env.META_JOBS_DEBOUNCE_MS ??= '0'
// Couriers (plugins/couriers): every provider points at a closed loopback port until a test starts
// tests/fakes/couriers and sets its URL; jobs run only when a test drains the queue.
process.env.STEADFAST_URL ??= 'http://127.0.0.1:9/api/v1'
process.env.PATHAO_URL ??= 'http://127.0.0.1:9'
process.env.REDX_URL ??= 'http://127.0.0.1:9/v1.0.0-beta'
process.env.COURIERS_JOBS_DEBOUNCE_MS ??= '0'
// The AI assistant (plugins/ai): the provider is a closed loopback port until a test starts
// tests/fakes/llm and points AI_BASE_URL at it; auto-reply jobs run only when a test drains the queue.
process.env.AI_BASE_URL ??= 'http://127.0.0.1:9/v1'
process.env.AI_API_KEY ??= 'test-ai-key'
process.env.AI_MODEL ??= 'fake-gpt'
process.env.AI_JOBS_DEBOUNCE_MS ??= '0'
// The platform's self-check reports (src/platform-health): a known secret, so its endpoint is configured.
process.env.SELFCHECK_SECRET ??= 'test-selfcheck-secret'
