/**
 * Local fakes of Meta's side of the integrations (integrations.md §1–§2):
 * - `startFakeGraph()` — a Graph API server (WhatsApp Cloud API, Messenger Send API, templates, lead ads);
 * - webhook builders, escaped-unicode JSON and X-Hub-Signature-256 signing, `sendWebhook()`.
 */
export { startFakeGraph, type FakeGraph, type FakeGraphOptions, type GraphCall, type SentMessage } from './graph'
export {
  expiredToken,
  fbtraceId,
  graphError,
  injectedError,
  invalidParam,
  invalidToken,
  statusForCode,
  unsupported,
  waInvalidParam,
  RATE_LIMIT_CODES,
  type GraphErrorBody,
  type InjectedError,
  type Reply,
} from './graph-errors'
export { randomDigits, randomMid, randomWamid } from './ids'
export { batch, deliverWithRetries, fbLeadgen, fbMessage, metaJson, sendWebhook, signatureOf, waMessage, waStatus, waTemplateStatus, webhookHeaders } from './webhooks'
