import { expect } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export type Mail = { to: string[]; subject?: string; text?: string }

/** Every message the app has sent so far (tests/e2e/global-setup.ts keeps them). */
export const sentMail = (): Mail[] => {
  const dir = process.env.EMERKATER_E2E_MAIL_DIR!
  return readdirSync(dir)
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Mail)
}

/** The latest message to `address`, waiting up to 10 s for it. */
export async function mailTo(address: string): Promise<Mail> {
  const find = () =>
    sentMail()
      .filter((m) => m.to.includes(address))
      .at(-1)
  await expect.poll(() => Boolean(find()), { timeout: 10_000, message: `an email to ${address}` }).toBe(true)
  return find()!
}
