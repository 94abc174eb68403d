import { defineConfig } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { FAKE_STRIPE_KEY } from './tests/fakes/stripe/fake'

/**
 * End-to-end tests: `npm run test:e2e` builds the app (`next build`), then Playwright starts it
 * with `tsx src/cli/index.ts start --seed` on a throwaway embedded PostgreSQL holding the demo
 * data, and drives the admin in Debian's Chromium (never `npx playwright install`).
 *
 * Playwright evaluates this file in its runner and again in every worker process. The runner
 * makes the throwaway directories, database port and secret once and hands them to the workers
 * (and the web server) through the environment, so later evaluations reuse them.
 *
 * Knobs: E2E_PORT (app port, default 3100), E2E_SERVER_LOG=1 (show the server's stdout, as CI
 * always does). Needs /usr/bin/chromium (`apt-get install -y --no-install-recommends chromium`).
 */

const isCI = !!process.env.CI
const appPort = Number(process.env.E2E_PORT || 3100)
const baseURL = `http://127.0.0.1:${appPort}`

/** A free loopback port, asked of the OS synchronously (this file cannot await). */
const freePort = (): string =>
  execFileSync(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"], { encoding: 'utf8' }).trim()

// Internal hand-off from the runner to its workers, not settings: see the comment at the top.
if (!process.env.EMERKATER_E2E_PG_DIR) {
  // Used directly as the cluster directory: as root, PostgreSQL runs as the `postgres` OS user,
  // which can enter a mkdtemp directory under /tmp but not one nested inside it (mode 0700).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'emerkater-e2e-'))
  // Uploads, if a test makes any, stay out of the developer's .data/media.
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'emerkater-e2e-media-'))
  process.env.EMERKATER_E2E_PG_DIR = dataDir
  process.env.EMERKATER_E2E_MEDIA_DIR = mediaDir
  process.env.EMERKATER_E2E_PG_PORT = freePort()
  process.env.EMERKATER_E2E_SECRET = randomBytes(32).toString('hex')
  // The key of secrets at rest, shared with the instances of tests/e2e/scale-out.spec.ts.
  process.env.EMERKATER_E2E_SECRETS_KEYS = `e2e:${randomBytes(32).toString('base64')}`
  // The Meta specs start tests/fakes/meta's Graph server on this port; the app is told to use it.
  process.env.EMERKATER_E2E_GRAPH_PORT = freePort()
  process.env.EMERKATER_E2E_META_SECRET = randomBytes(16).toString('hex')
  // The courier spec serves tests/fakes/couriers' Steadfast API on this port; the app books there.
  process.env.EMERKATER_E2E_STEADFAST_PORT = freePort()
  // The billing spec serves tests/fakes/stripe on this port; the app's Stripe calls go there, and
  // the fake signs the webhooks it sends back with this secret.
  process.env.EMERKATER_E2E_STRIPE_PORT = freePort()
  process.env.EMERKATER_E2E_STRIPE_WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`
  // The AI spec serves tests/fakes/llm on this port; the inbox assistant calls it.
  process.env.EMERKATER_E2E_LLM_PORT = freePort()
  // tests/e2e/global-setup.ts runs tests/fakes/smtp on this port for the whole run; the app sends
  // its mail there, and every message lands as JSON in the mail directory for the specs to read.
  process.env.EMERKATER_E2E_SMTP_PORT = freePort()
  process.env.EMERKATER_E2E_MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), 'emerkater-e2e-mail-'))
  // Removed once the runner exits, i.e. after the web server (and with it PostgreSQL) has been
  // stopped. A globalTeardown would run too early: Playwright stops the web server last.
  // The embedded server keeps its generated passwords beside the cluster: `<dir>.password` (owner)
  // `<dir>.app-password` (the request role) and `<dir>.platform-password` (the platform role).
  process.on('exit', () => {
    for (const target of [dataDir, `${dataDir}.password`, `${dataDir}.app-password`, `${dataDir}.platform-password`, mediaDir, process.env.EMERKATER_E2E_MAIL_DIR!])
      rmSync(target, { recursive: true, force: true })
  })
}

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCI,
  retries: 0,
  // Each admin route's first server render after `next start` takes a few seconds on two busy
  // cores, and a test logs in and renders two or three of them.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // Plain lines, no terminal tricks: as readable in a CI log as in a terminal.
  reporter: [['list']],
  use: {
    baseURL,
    navigationTimeout: 45_000,
    actionTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // Extra arguments go to `next start`: listen on loopback only.
    command: 'npx tsx src/cli/index.ts start --seed --hostname 127.0.0.1',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // Fresh cluster: initdb, migrations, demo data (password hashing), then `next start`.
    timeout: 180_000,
    // SIGTERM lets the CLI stop Next.js and then PostgreSQL; the default (SIGKILL) would leave
    // the database running.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    stdout: isCI || process.env.E2E_SERVER_LOG ? 'pipe' : 'ignore',
    stderr: 'pipe',
    env: {
      // Never the developer's own database: always the throwaway embedded one.
      DATABASE_URL: '',
      EMBEDDED_PG_DIR: process.env.EMERKATER_E2E_PG_DIR,
      EMBEDDED_PG_PORT: process.env.EMERKATER_E2E_PG_PORT!,
      MEDIA_DIR: process.env.EMERKATER_E2E_MEDIA_DIR!,
      PORT: String(appPort),
      PAYLOAD_SECRET: process.env.EMERKATER_E2E_SECRET!,
      SECRETS_KEYS: process.env.EMERKATER_E2E_SECRETS_KEYS!,
      NEXT_TELEMETRY_DISABLED: '1',
      // Meta (plugins/meta): webhooks signed with this secret; Graph calls go to the fake.
      META_APP_SECRET: process.env.EMERKATER_E2E_META_SECRET!,
      META_VERIFY_TOKEN: 'e2e-verify-token',
      META_GRAPH_URL: `http://127.0.0.1:${process.env.EMERKATER_E2E_GRAPH_PORT}`,
      // Couriers (plugins/couriers): Steadfast calls go to the fake of tests/e2e/couriers.spec.ts.
      STEADFAST_URL: `http://127.0.0.1:${process.env.EMERKATER_E2E_STEADFAST_PORT}/api/v1`,
      // Billing (plugins/billing): Stripe calls go to the fake of tests/e2e/billing.spec.ts (its default
      // key), which signs its webhooks with this secret. No SERVER_URL: it would switch on Payload's
      // CSRF check, which refuses the session cookie on the specs' `page.request` calls (no Origin, no
      // Sec-Fetch-Site); Checkout then returns to the origin the admin called the API on.
      STRIPE_SECRET_KEY: FAKE_STRIPE_KEY,
      // Every spec signs in from the same loopback address, often as the same demo user: the sign-in limits (per IP 20, per email 10 in 10
      // minutes by default) would refuse the later specs. The limit itself is tested in tests/int.
      RATE_LIMIT_LOGIN_IP: '1000/600',
      RATE_LIMIT_LOGIN_EMAIL: '1000/600',
      STRIPE_API_URL: `http://127.0.0.1:${process.env.EMERKATER_E2E_STRIPE_PORT}`,
      STRIPE_WEBHOOK_SECRET: process.env.EMERKATER_E2E_STRIPE_WEBHOOK_SECRET!,
      // The inbox assistant (plugins/ai): chat completions go to the fake of tests/e2e/ai-inbox.spec.ts.
      AI_BASE_URL: `http://127.0.0.1:${process.env.EMERKATER_E2E_LLM_PORT}/v1`,
      AI_API_KEY: 'e2e-ai-key',
      AI_MODEL: 'fake-gpt',
      // Mail goes to the fake SMTP server of tests/e2e/global-setup.ts.
      SMTP_URL: `smtp://mailer:mailer-pass@127.0.0.1:${process.env.EMERKATER_E2E_SMTP_PORT}`,
    },
  },
})
