/**
 * Every row-level-security bypass is recorded: the super-admin's requests (once per request) and
 * system work (runAsSystem, per call). Until the audit log exists this is a log line — `info`
 * for people, `debug` for the platform's own work — and listeners the audit log will use.
 */
export type BypassRecord = { reason: string; kind: 'super-admin' | 'system'; userId?: string; email?: string; method?: string; path?: string }

type Logger = { info: (obj: object) => void; debug: (obj: object) => void }

const listeners = new Set<(record: BypassRecord) => void>()
let logger: Logger | undefined

/** Be told of every bypass. Returns the unsubscribe function. */
export function onDatabaseBypass(listener: (record: BypassRecord) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Payload's logger, set once Payload is up (payload.config.ts onInit). */
export function setBypassLogger(next: Logger): void {
  logger = next
}

export function recordBypass(record: BypassRecord): void {
  const line = { msg: 'row-level security bypass', ...record }
  if (record.kind === 'super-admin') logger?.info(line)
  else logger?.debug(line)
  for (const listener of listeners) listener(record)
}
