import { badInputChecks } from './bad-input'
import { Probe, type Finding, type Send } from './client'
import { accountTakeoverChecks } from './identity'
import { crossTenantChecks } from './isolation'
import { signUpShop } from './shops'

export type SelfcheckRun = { target: string; startedAt: string; finishedAt: string; checks: number; findings: Finding[] }

/**
 * The project's own isolation, identity and bad-input checks against a running instance at
 * `base` (`http://localhost:3000`), through `send` (fetch, or a route module in a test): two shops
 * signed up through the public signup, each trying to reach the other over REST and GraphQL,
 * account takeover attempts on /api/users, and malformed JSON, queries and ids that must be
 * refused with a 4xx, never a 5xx. A finding is anything that should not have happened.
 */
export async function runSelfcheck(send: Send, base: string): Promise<SelfcheckRun> {
  const startedAt = new Date().toISOString()
  const probe = new Probe(send, base.replace(/\/+$/, ''))
  try {
    const a = await signUpShop(probe, 'a')
    const b = await signUpShop(probe, 'b')
    if (a && b) {
      await crossTenantChecks(probe, a, b)
      await crossTenantChecks(probe, b, a)
      await accountTakeoverChecks(probe, a, b)
    }
    if (a) await badInputChecks(probe, a)
  } catch (error) {
    probe.find('selfcheck', `the run stopped: ${(error as Error).message}`)
  }
  return { target: probe.base, startedAt, finishedAt: new Date().toISOString(), checks: probe.checks, findings: probe.findings }
}

/** What `npm run selfcheck` prints: one line per finding, then a summary line. */
export const reportLines = (run: SelfcheckRun): string[] => [
  ...run.findings.map((f) => `FINDING [${f.check}] ${f.message}`),
  `selfcheck ${run.target}: ${run.checks} checks, ${run.findings.length} finding${run.findings.length === 1 ? '' : 's'} (${Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)} s)`,
]
