/**
 * `context` flags of the plugin's own writes. Payload merges an operation's `context` into
 * `req.context`, so a flag stays set for later operations on the same req (a job's): writes that
 * must not inherit one set it to false explicitly.
 */

/** An inbound message or a status written from a webhook: no outbound checks, no send. */
export const INBOUND_WRITE = 'metaInbound'
/** A template written from Meta's data (sync, status webhook): not submitted again. */
export const FROM_META = 'fromMeta'
