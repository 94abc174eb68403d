import type { FieldHook, NumberField } from 'payload'
import { ValidationError } from 'payload'

import { currencyCode, isUnreadMoney, MONEY_CELL_PATH, MONEY_FIELD_PATH, parseMoney, type UnreadMoney } from './money'

const WHOLE = 'An amount is a whole number of minor units (e.g. 1250 for 12.50).'

/** Why text the money field could not read is no amount, in the document's currency. */
function unreadReason(value: UnreadMoney, data: unknown): string {
  const parsed = parseMoney(value.typed, currencyCode((data as { currency?: unknown } | undefined)?.currency))
  return parsed.ok ? WHOLE : parsed.error
}

const refuseUnread: FieldHook = ({ value, data, path, req }) => {
  if (isUnreadMoney(value)) throw new ValidationError({ errors: [{ path: path.join('.'), message: unreadReason(value, data) }], req })
  return value
}

/**
 * An amount in minor units (paisa, cents): a whole number, zero or more. Never a float. Stored,
 * validated and sent by the API as that integer; the admin shows and takes it in major units
 * in the document's currency (src/fields/money: `৳4,458.00` in lists, `4,458.50` typed in
 * forms, "In taka, e.g. 4458.50" unless `description` says otherwise). An amount the field cannot
 * read reaches the server as `{ typed }` and is refused here with the reason, so nothing is saved.
 */
export const minorUnits = ({ name, required = false, readOnly = false, description }: { name: string; required?: boolean; readOnly?: boolean; description?: string }): NumberField => ({
  name,
  type: 'number',
  required,
  min: 0,
  admin: { readOnly, ...(description ? { description } : {}), components: { Field: MONEY_FIELD_PATH, Cell: MONEY_CELL_PATH } },
  // API clients (payload-types.ts) still read what the number is.
  typescriptSchema: [({ jsonSchema }) => ({ ...jsonSchema, description: `${description ? `${description} ` : ''}In minor units: 445850 = 4,458.50.` })],
  // Payload refuses a value of the wrong shape before any validate, with "invalid input": the
  // hook (which runs first) says why instead. The admin's form state asks validate directly.
  hooks: { beforeChange: [refuseUnread] },
  validate: (value: unknown, { data }: { data?: unknown } = {}) =>
    isUnreadMoney(value) ? unreadReason(value, data) : value == null ? (required ? 'This amount is required.' : true) : Number.isInteger(value) && (value as number) >= 0 ? true : WHOLE,
})
