import type { NumberField } from 'payload'

import { currencyCode, isUnreadMoney, MONEY_CELL_PATH, MONEY_FIELD_PATH, parseMoney } from './money'

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
  validate: (value: unknown, { data }: { data?: unknown } = {}) => {
    // What the admin's money field could not read (MoneyField sends it as typed): refused in the field's words.
    if (isUnreadMoney(value)) {
      const parsed = parseMoney(value.typed, currencyCode((data as { currency?: unknown } | undefined)?.currency))
      return parsed.ok ? 'An amount is a whole number of minor units (e.g. 1250 for 12.50).' : parsed.error
    }
    return value == null ? (required ? 'This amount is required.' : true) : Number.isInteger(value) && (value as number) >= 0 ? true : 'An amount is a whole number of minor units (e.g. 1250 for 12.50).'
  },
})
