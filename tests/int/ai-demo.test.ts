import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoPasswords, staffEmail } from '../../src/seed/demo-data'
import { seed } from '../../src/seed/seed'
import { startFakeLlm, type FakeLlm } from '../fakes/llm'
import { assist } from './helpers/ai-world'
import { api, login } from './helpers/api'
import { setEnv } from './helpers/env'
import { freshPayload } from './helpers/payload'

/**
 * The demo (`npm run dev` starts the same fake when AI_BASE_URL is unset): acme's support agent
 * opens the seeded conversation ("Can you deliver to Dhanmondi by Friday?") and "Suggest a reply"
 * drafts a Bangla answer quoting acme's own delivery policy; the prompt holds acme's catalogue and
 * none of the other demo shops'.
 */
describe('AI assistant in the demo', () => {
  let payload: Payload
  let llm: FakeLlm
  let restore: () => void

  beforeAll(async () => {
    payload = await freshPayload()
    await seed(payload)
    llm = await startFakeLlm()
    restore = setEnv({ AI_BASE_URL: llm.url, AI_API_KEY: llm.apiKey, AI_MODEL: llm.model })
  })
  afterAll(async () => {
    restore()
    await llm.close()
  })

  it('suggests a grounded Bangla reply to acme’s seeded question', async () => {
    const token = await login(staffEmail('support-agent', 'acme-gadgets'), demoPasswords().staff)
    const list = await api('GET', '/conversations?limit=10&depth=0', { token })
    const conversation = list.body.docs.find((c: { lastMessagePreview: string }) => c.lastMessagePreview === 'Can you deliver to Dhanmondi by Friday?')
    expect(conversation).toBeTruthy()
    expect((await api('GET', `/ai/status?tenant=${conversation.tenant}`, { token })).body).toMatchObject({ available: true })
    const res = await assist(token, 'suggest-reply', conversation.id)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.language).toBe('bn')
    expect(res.body.text).toMatch(/[\u0980-\u09FF]/)
    expect(res.body.text).toContain('ঢাকার ভেতরে (Dhanmondi, Gulshan, Mirpur, Uttara) ২ দিনে ডেলিভারি')
    const prompt = llm.prompts().at(-1)!
    expect(prompt).toContain('Acme Power Bank 20000mAh')
    expect(prompt).toContain('Conversation language: Bangla')
    expect(prompt).not.toContain('Dhaka Threads')
  })
})
