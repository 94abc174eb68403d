import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFakeLlm, type FakeLlm } from '../fakes/llm'

/**
 * The fake provider speaks the chat-completions contract the real client expects (tests/fakes/llm):
 * bearer auth, `usage`, tool calls, SSE streaming with the final usage chunk, 429 / 500 with
 * `retry-after` — checked with the `openai` client itself, the one plugins/ai uses.
 */
describe('fake LLM', () => {
  let llm: FakeLlm
  let client: OpenAI
  const system = 'You are the customer-service assistant of the shop “X”.\n5. Conversation language: Bangla (বাংলা).\nTask: suggest-reply — draft.'
  const data = 'SHOP DATA\n## Products (name | price | stock)\n- Power Bank | ৳2,450 | 14 in stock\n## Delivery policy and FAQ\nWe deliver to Dhanmondi in 2 days.'

  beforeAll(async () => {
    llm = await startFakeLlm()
    client = new OpenAI({ baseURL: llm.url, apiKey: llm.apiKey, maxRetries: 2 })
  })
  afterAll(async () => llm.close())

  it('answers from the prompt, in its language, with usage', async () => {
    const res = await client.chat.completions.create({
      model: 'fake-gpt',
      messages: [
        { role: 'system', content: system },
        { role: 'system', content: data },
        { role: 'user', content: 'Can you deliver to Dhanmondi?' },
      ],
    })
    expect(res.choices[0].message.content).toContain('We deliver to Dhanmondi in 2 days.')
    expect(res.choices[0].message.content).toMatch(/ডেলিভারি/)
    expect(res.usage!.prompt_tokens).toBeGreaterThan(10)
    expect(llm.prompts().at(-1)).toContain('Can you deliver to Dhanmondi?')
  })

  it('calls a tool when tools are offered and the question is about a product', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'search_products', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }]
    const res = await client.chat.completions.create({
      model: 'fake-gpt',
      tools,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: 'How much is the blender?' },
      ],
    })
    expect(res.choices[0].finish_reason).toBe('tool_calls')
    const call = res.choices[0].message.tool_calls![0]
    expect(call.type === 'function' && call.function.name).toBe('search_products')
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ query: 'blender' })
  })

  it('streams SSE chunks and the usage chunk with include_usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'fake-gpt',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: system },
        { role: 'system', content: data },
        { role: 'user', content: 'Can you deliver to Dhanmondi?' },
      ],
    })
    let text = ''
    let usage: null | OpenAI.CompletionUsage = null
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? ''
      if (chunk.usage) usage = chunk.usage
    }
    expect(text).toContain('We deliver to Dhanmondi in 2 days.')
    expect(usage!.completion_tokens).toBeGreaterThan(0)
  })

  it('refuses a wrong key with 401 and answers scripted 429 / 500 with retry-after (the client retries)', async () => {
    const wrong = new OpenAI({ baseURL: llm.url, apiKey: 'nope', maxRetries: 0 })
    await expect(wrong.chat.completions.create({ model: 'fake-gpt', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401 })
    llm.reset()
    llm.failNext(1, 429)
    llm.failNext(1, 500)
    const res = await client.chat.completions.create({ model: 'fake-gpt', messages: [{ role: 'user', content: 'hi' }] })
    expect(res.choices[0].message.content).toBeTruthy()
    expect(llm.calls.map((c) => c.answered)).toEqual([429, 500, 200])
    expect(llm.calls).toHaveLength(3)
  })
})
