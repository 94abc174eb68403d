/**
 * The state of a Facebook page or WhatsApp number (kept by plugins/meta, never by a caller):
 * `unverified` until a Graph call with its own token proved the token controls it — it then
 * receives nothing —, then `connected`, `disconnected` (Meta refused the token; still verified)
 * or `error` (the last check failed otherwise).
 */
export const CHANNEL_STATUSES = ['unverified', 'connected', 'disconnected', 'error'] as const
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number]
