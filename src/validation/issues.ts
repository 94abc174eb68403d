import { AppError } from '../errors/app-error'
import type { ErrorCode } from '../errors/codes'

/** One thing wrong with a request: its code, the parameter or field (`where.createdAt.less_than`, `sort`, `items.0.product`) and what to fix. */
export type Issue = { code: ErrorCode; path: string; message: string }

export const issue = (code: ErrorCode, path: string, message: string): Issue => ({ code, path, message })

/**
 * Throws one AppError listing every issue (the first one's code and message lead), so a client
 * fixes all at once; one issue per path (a value that is wrong twice over is named once).
 */
export function refuse(all: readonly Issue[]): void {
  const issues = all.filter((entry, i) => all.findIndex((other) => other.path === entry.path) === i)
  const [first] = issues
  if (!first) return
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more: see \`errors\`)` : ''
  throw new AppError(first.code, `${first.message}${more}`, { errors: issues.map(({ path, message }) => ({ path, message })) })
}

/** A value as a client wrote it, for messages. */
export const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
