/**
 * Every row-level-security bypass is recorded: the super-admin's requests (once per request) and
 * system work (runAsSystem, per call). Until the audit log exists this is a log line — `info`
 * for people, `debug` for the platform's own work — and listeners the audit log will use.
 */
import { processGlobal } from '../../runtime/process-global'

export type BypassRecord = {
  reason: string
  kind: 'super-admin' | 'system'
  userId?: string
  email?: string
  method?: string
  path?: string
  requestId?: null | string
  ip?: null | string
}

type Logger = { info: (obj: object) => void; debug: (obj: object) => void }

// Per process, not per module copy (see src/runtime/process-global.ts).
const state = processGlobal('rls.bypass', () => ({ listeners: new Set<(record: BypassRecord) => void>(), logger: undefined as Logger | undefined }))

/** Be told of every bypass. Returns the unsubscribe function. */
export function onDatabaseBypass(listener: (record: BypassRecord) => void): () => void {
  state.listeners.add(listener)
  return () => state.listeners.delete(listener)
}

/** Payload's logger, set once Payload is up (payload.config.ts onInit). */
export function setBypassLogger(next: Logger): void {
  state.logger = next
}

export function recordBypass(record: BypassRecord): void {
  const line = { msg: 'row-level security bypass', ...record }
  if (record.kind === 'super-admin') state.logger?.info(line)
  else state.logger?.debug(line)
  for (const listener of state.listeners) listener(record)
}
