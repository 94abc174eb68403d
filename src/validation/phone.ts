/** E.164: a plus, a country code and up to 15 digits in all (e.g. +8801712345678). */
export const E164 = /^\+[1-9]\d{6,14}$/

/** What a caller is told when a phone is not in E.164 form (fields and endpoints alike). */
export const PHONE_MESSAGE = 'Write the phone in international E.164 form, e.g. +8801712345678.'

/** Whether `value` is a phone in E.164 form. Customers, leads and numbers store only these. */
export const isPhone = (value: unknown): value is string => typeof value === 'string' && E164.test(value)

/** A text field's `validate` for a phone: empty passes (`required` says whether it may be). */
export const validatePhone = (value: null | string | undefined): string | true => (!value || isPhone(value) ? true : PHONE_MESSAGE)

/**
 * A phone as people write it, in E.164, or null: drops spaces, dots, dashes and brackets, turns
 * a leading 00 into +, and a Bangladeshi 01… or 8801… into +8801…. For numbers that come from
 * forms we do not control (Meta lead ads); our own forms ask for E.164.
 */
export function normalisePhone(raw: null | string | undefined): null | string {
  if (!raw) return null
  let phone = raw.replace(/[\s().-]/g, '')
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`
  if (/^01\d{9}$/.test(phone)) phone = `+88${phone}`
  if (/^8801\d{9}$/.test(phone)) phone = `+${phone}`
  return isPhone(phone) ? phone : null
}
