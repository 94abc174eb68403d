/**
 * A local fake of an OpenAI-compatible chat-completions provider (plugins/ai's AI_BASE_URL):
 * `startFakeLlm()` — base URL `http://127.0.0.1:PORT/v1`, key `test-ai-key`, model `fake-gpt`.
 * Deterministic answers derived from the prompt (answer.ts), every request kept for inspection.
 */
export { startFakeLlm, type FakeLlm, type FakeLlmOptions, type LlmCall } from './server'
export { answer, promptText, type Answer, type ChatBody, type ChatMessage } from './answer'
