/**
 * Local fakes of the Bangladeshi couriers (integrations.md §3, §6): each keeps state, speaks the
 * provider's wire contract (paths, headers, envelopes, error shapes, BDT amounts), takes injected
 * faults, logs calls, and sends the provider's webhooks with its auth, retrying like the real
 * sender.
 * - `startFakeSteadfast()` — base URL `http://127.0.0.1:PORT/api/v1`;
 * - `startFakePathao()` — origin `http://127.0.0.1:PORT` (the adapter appends /aladdin/api/v1);
 * - `startFakeRedx()` — base URL `http://127.0.0.1:PORT/v1.0.0-beta`;
 * - `startWebhookReceiver()` — a loopback endpoint that hands webhooks to a test's handler.
 */
export { startFakeSteadfast, type FakeSteadfast, type FakeSteadfastOptions, type SteadfastAccount, type SteadfastConsignment, type SteadfastPayment } from './steadfast'
export { startFakePathao, type FakePathao, type FakePathaoOptions, type PathaoAccount, type PathaoDelivery, type PathaoOrder, type PathaoStore, type PricePlan } from './pathao'
export { startFakeRedx, DEFAULT_REDX_AREAS, type FakeRedx, type FakeRedxOptions, type RedxArea, type RedxParcel, type RedxStore } from './redx'
export { startWebhookReceiver, type ReceivedRequest, type ReceiverReply, type WebhookReceiver } from './receiver'
export { type CourierCall, type FaultControls, type Reply } from './server'
export { dhakaTime, type Attempt, type Delivery } from './webhooks'
