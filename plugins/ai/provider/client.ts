import OpenAI from 'openai'
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions'

import type { ResolvedAiOptions } from '../options'

export type ChatMessage = ChatCompletionMessageParam

/**
 * A narrow function the model may call. It takes no tenant (nor any id): it is a closure over the
 * request's own tenant context and conversation, built per request (prompt/tools.ts).
 */
export type AiTool = { name: string; description: string; parameters: Record<string, unknown>; run: (args: Record<string, unknown>) => Promise<unknown> }

export type ChatRequest = { messages: ChatMessage[]; tools?: AiTool[]; maxTokens: number; json?: boolean }
export type ChatResult = { text: string; tokensIn: number; tokensOut: number; calls: number; model: string }

/** The provider failed after the client's retries (or refused): what to tell the shop, and its status. */
export class AiProviderError extends Error {
  constructor(
    message: string,
    readonly status: null | number,
    readonly calls: number,
  ) {
    super(message)
    this.name = 'AiProviderError'
  }
}

/** Tool rounds one request may take before the model must answer. */
const MAX_TOOL_ROUNDS = 2

function describe(error: unknown): { message: string; status: null | number } {
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status
    if (status === 401 || status === 403) return { status, message: `The AI provider refused this server’s key (${status}): the operator must check AI_API_KEY.` }
    if (status === 429) return { status, message: 'The AI provider is busy (429, rate limited) and did not answer after retries: nothing was sent; try again in a minute.' }
    if (status >= 500) return { status, message: `The AI provider failed (${status}) and did not answer after retries: nothing was sent; try again shortly.` }
    return { status, message: `The AI provider refused the request (${status}): ${error.message}` }
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { status: null, message: 'The AI provider did not answer in time: nothing was sent; try again shortly.' }
  if (error instanceof OpenAI.APIConnectionError) return { status: null, message: 'The AI provider could not be reached: nothing was sent; try again shortly.' }
  return { status: null, message: error instanceof Error ? error.message : String(error) }
}

/**
 * One assistant request over an OpenAI-compatible chat-completions API (`openai` with `baseURL`):
 * the client's own retries on 429 / 5xx / connection errors (it honours `retry-after`), the
 * model's tool calls answered by the request's narrow tools (at most MAX_TOOL_ROUNDS rounds), the
 * tokens of every round summed. Counts the HTTP attempts (retries included) for the ledger.
 */
export async function chat(options: ResolvedAiOptions, provider: { baseURL: string; apiKey: string; model: string }, request: ChatRequest): Promise<ChatResult> {
  let calls = 0
  const counting: typeof fetch = (input, init) => {
    calls += 1
    return fetch(input, init)
  }
  const client = new OpenAI({ baseURL: provider.baseURL, apiKey: provider.apiKey, maxRetries: options.maxRetries, timeout: options.timeoutMs, fetch: counting })
  const tools: ChatCompletionTool[] | undefined = request.tools?.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }))
  const messages = [...request.messages]
  let tokensIn = 0
  let tokensOut = 0
  try {
    for (let round = 0; ; round++) {
      const offerTools = tools && tools.length > 0 && round < MAX_TOOL_ROUNDS
      const completion = await client.chat.completions.create({
        model: provider.model,
        messages,
        max_tokens: request.maxTokens,
        temperature: 0.2,
        ...(offerTools ? { tools, tool_choice: 'auto' as const } : {}),
        ...(request.json ? { response_format: { type: 'json_object' as const } } : {}),
      })
      tokensIn += completion.usage?.prompt_tokens ?? 0
      tokensOut += completion.usage?.completion_tokens ?? 0
      const message = completion.choices[0]?.message
      const toolCalls = (message?.tool_calls ?? []).filter((c) => c.type === 'function')
      if (!offerTools || toolCalls.length === 0) {
        return { text: (message?.content ?? '').trim(), tokensIn, tokensOut, calls, model: completion.model || provider.model }
      }
      messages.push({ role: 'assistant', content: message?.content ?? null, tool_calls: toolCalls })
      for (const call of toolCalls) {
        const tool = request.tools!.find((t) => t.name === call.function.name)
        let args: Record<string, unknown> = {}
        try {
          const parsed: unknown = JSON.parse(call.function.arguments || '{}')
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) args = parsed as Record<string, unknown>
        } catch {
          /* a malformed argument list is answered as an empty one */
        }
        const result = tool ? await tool.run(args) : { error: `No tool named ${call.function.name}.` }
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) })
      }
    }
  } catch (error) {
    const { message, status } = describe(error)
    throw new AiProviderError(message, status, calls)
  }
}
