/** `context` flags of the plugin's own writes. */

/** An inbound message or a status written from a webhook: no outbound checks, no send. */
export const INBOUND_WRITE = 'metaInbound'
/** A template written from Meta's data (sync, status webhook): not submitted again. */
export const FROM_META = 'fromMeta'
