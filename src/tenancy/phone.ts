/** E.164: a plus, a country code and up to 15 digits in all (e.g. +8801712345678). */
export const E164 = /^\+[1-9]\d{6,14}$/

export const validatePhone = (value: null | string | undefined): string | true =>
  !value || E164.test(value) ? true : 'Write the phone in international E.164 form, e.g. +8801712345678.'
