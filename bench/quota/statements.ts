import pg from 'pg'

const Client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }

/**
 * Record the text of every statement sent to PostgreSQL until `stop()`, on the client class all
 * pools use (the app's SerialClient extends it). For probes only, never while timing.
 */
export function recordStatements(): { texts: string[]; stop: () => void } {
  const original = Client.query
  const texts: string[] = []
  Client.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string }
    texts.push((typeof q === 'string' ? q : (q?.text ?? '?')).replace(/\s+/g, ' ').trim())
    return original.apply(this, args)
  }
  return { texts, stop: () => void (Client.query = original) }
}
