import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { answer, promptText, type Answer, type ChatBody } from './answer'

/** One request as the fake saw it. */
export type LlmCall = { method: string; path: string; headers: Record<string, string>; body: ChatBody; at: number; answered: number }

export type FakeLlm = {
  /** The OpenAI-compatible base URL: http://127.0.0.1:PORT/v1 (AI_BASE_URL). */
  url: string
  apiKey: string
  model: string
  /** Every request, in order (refused ones included), with the status it got. */
  calls: LlmCall[]
  /** The chat-completions requests' full prompt text (messages, tool results, tool names), in order. */
  prompts(): string[]
  /** The next `n` chat requests get `status` (429 with `retry-after`, 500, …) instead of an answer. */
  failNext(n: number, status: number, retryAfterMs?: number): void
  reset(): void
  close(): Promise<void>
}

export type FakeLlmOptions = { apiKey?: string; model?: string; port?: number }

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4))

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

const openaiError = (message: string, type: string, code: null | string = null) => ({ error: { message, type, param: null, code } })

function completion(body: ChatBody, a: Answer, id: string, model: string) {
  const usage = { prompt_tokens: tokens(promptText(body)), completion_tokens: tokens(a.content ?? JSON.stringify(a.toolCalls)), total_tokens: 0 }
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens
  const toolCalls = a.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }))
  const message = { role: 'assistant', content: a.content, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) }
  return { id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, message, logprobs: null, finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop' }], usage }
}

/** `stream: true`: SSE chunks (role, content in pieces or the tool calls, finish), the usage chunk when `stream_options.include_usage`, then [DONE]. */
function stream(res: ServerResponse, body: ChatBody, a: Answer, id: string, model: string) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
  const created = Math.floor(Date.now() / 1000)
  const chunk = (delta: object, finish: null | string = null) => ({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })
  const write = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`)
  write(chunk({ role: 'assistant', content: '' }))
  if (a.toolCalls.length > 0) write(chunk({ tool_calls: a.toolCalls.map((c, index) => ({ index, id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }))
  const text = a.content ?? ''
  for (let i = 0; i < text.length; i += 16) write(chunk({ content: text.slice(i, i + 16) }))
  write(chunk({}, a.toolCalls.length > 0 ? 'tool_calls' : 'stop'))
  if (body.stream_options?.include_usage) write({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: completion(body, a, id, model).usage })
  res.write('data: [DONE]\n\n')
  res.end()
}

/**
 * A loopback server that speaks OpenAI's chat-completions contract (what `openai` with `baseURL`
 * sends): `POST /v1/chat/completions` with `Authorization: Bearer <key>` (401 otherwise), tool
 * calls when tools are offered and the question needs them, `usage`, streaming (SSE) with the
 * usage chunk when `stream_options.include_usage`, scripted 429 (with `retry-after`) and 500 for
 * the next n calls, and `GET /v1/models`. Answers are derived from the prompt (answer.ts); every
 * request body is kept so a test can inspect exactly what a prompt contained.
 */
export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const apiKey = options.apiKey ?? 'test-ai-key'
  const model = options.model ?? 'fake-gpt'
  const calls: LlmCall[] = []
  const failures: { status: number; retryAfterMs: number }[] = []
  let seq = 0

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req)
      let body: ChatBody = {}
      try {
        body = raw ? (JSON.parse(raw) as ChatBody) : {}
      } catch {
        return sendJson(res, 400, openaiError('We could not parse the JSON body of your request.', 'invalid_request_error'))
      }
      const path = (req.url ?? '/').split('?')[0]
      const call: LlmCall = { method: req.method ?? 'GET', path, headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body, at: Date.now(), answered: 0 }
      calls.push(call)
      const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
        call.answered = status
        sendJson(res, status, payload, headers)
      }
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, openaiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'))
      if (req.method === 'GET' && path === '/v1/models') return reply(200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'fake' }] })
      if (req.method !== 'POST' || path !== '/v1/chat/completions') return reply(404, openaiError(`Unknown request URL: ${req.method} ${path}.`, 'invalid_request_error', 'unknown_url'))
      if (!Array.isArray(body.messages) || body.messages.length === 0) return reply(400, openaiError('`messages` must be a non-empty array.', 'invalid_request_error'))
      const failure = failures.shift()
      if (failure) {
        const headers = { 'retry-after': String(Math.ceil(failure.retryAfterMs / 1000)), 'retry-after-ms': String(failure.retryAfterMs) }
        if (failure.status === 429) return reply(429, openaiError('Rate limit reached for requests.', 'requests', 'rate_limit_exceeded'), headers)
        return reply(failure.status, openaiError('The server had an error while processing your request.', 'server_error'), headers)
      }
      const a = answer(body)
      const id = `chatcmpl-fake-${++seq}`
      call.answered = 200
      if (body.stream) return stream(res, body, a, id, body.model ?? model)
      sendJson(res, 200, completion(body, a, id, body.model ?? model))
    })().catch((error: unknown) => sendJson(res, 500, openaiError(String(error), 'server_error')))
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    model,
    calls,
    prompts: () => calls.filter((c) => c.path === '/v1/chat/completions').map((c) => promptText(c.body)),
    failNext: (n, status, retryAfterMs = 10) => {
      for (let i = 0; i < n; i++) failures.push({ status, retryAfterMs })
    },
    reset: () => {
      calls.length = 0
      failures.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
