/**
 * `npm run selfcheck -- --url http://localhost:3000`: the project's own isolation, identity and
 * bad-input checks (src/platform-health/selfcheck) against a running instance over HTTP. Prints
 * one line per finding and a summary line; exits 1 when anything was found (2 when the instance
 * could not be reached). With SELFCHECK_SECRET (the server's), the run is reported to
 * `POST /api/platform-health/selfcheck`, so the super-admin's platform health page shows it.
 * Every run signs up two trial shops named `selfcheck-…` through the public signup.
 */
import { parseArgs } from 'node:util'

import { reportLines, runSelfcheck } from '../platform-health/selfcheck/run'

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: 'string', default: process.env.SELFCHECK_URL ?? 'http://localhost:3000' }, 'no-report': { type: 'boolean', default: false } } })
  const base = values.url.replace(/\/+$/, '')
  try {
    await fetch(`${base}/api/health`)
  } catch (error) {
    console.error(`selfcheck: ${base} cannot be reached (${(error as Error).message})`)
    return 2
  }
  const run = await runSelfcheck((request) => fetch(request), base)
  for (const line of reportLines(run)) console.log(line)
  const secret = process.env.SELFCHECK_SECRET
  if (secret && !values['no-report']) {
    const response = await fetch(`${base}/api/platform-health/selfcheck`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(run),
    }).catch((error: Error) => ({ ok: false, status: error.message }))
    console.log(response.ok ? 'selfcheck: reported to the platform health page' : `selfcheck: the report was refused (${response.status})`)
  } else if (!values['no-report']) console.log('selfcheck: not reported (set SELFCHECK_SECRET to the server’s to show this run on the platform health page)')
  return run.findings.length > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(2)
  },
)
