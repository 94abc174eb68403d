import { email as payloadEmail } from 'payload/shared'
import { describe, expect, it } from 'vitest'

import { isEmail } from '../../src/validation/email'
import { isPhone, normalisePhone, validatePhone } from '../../src/validation/phone'
import { isUuid } from '../../src/validation/uuid'

/** Payload's own `email` field validation, outside a collection: true or a message. */
const payloadAccepts = (value: string): boolean => payloadEmail(value, { req: { payload: {}, t: (key: string) => key }, required: false } as never) === true

const ADDRESSES = [
  'rahim@example.com',
  'Rahim.Uddin+orders@shop.example.co.uk',
  'user-name@ex--ample.org',
  'a@b.co',
  "o'neil@example.ie",
  'no-at-sign.example.com',
  'two@@example.com',
  'space in@example.com',
  '"quoted"@example.com',
  'user..name@example.com',
  'user@example..com',
  'user@-example.com',
  'user@example-.com',
  'user@example.c',
  'user@localhost',
  'user@exa_mple.com',
  '.user@example.com',
  'user.@example.com',
]

describe('shared validators (src/validation)', () => {
  it('accept an e-mail address exactly when the `email` fields (Payload) accept it', () => {
    for (const address of ADDRESSES) expect(isEmail(address), address).toBe(payloadAccepts(address))
    expect(ADDRESSES.filter(isEmail)).toEqual(['rahim@example.com', 'Rahim.Uddin+orders@shop.example.co.uk', 'user-name@ex--ample.org', 'a@b.co', "o'neil@example.ie"])
  })

  it('refuse e-mail addresses over 254 characters and values that are not text', () => {
    expect(isEmail(`${'a'.repeat(64)}@${'b'.repeat(185)}.com`)).toBe(true) // 254
    expect(isEmail(`${'a'.repeat(64)}@${'b'.repeat(186)}.com`)).toBe(false) // 255
    expect(isEmail(undefined)).toBe(false)
    expect(isEmail(['rahim@example.com'])).toBe(false)
  })

  it('take phones in E.164 only, and normalise what people write into it', () => {
    expect(isPhone('+8801712345678')).toBe(true)
    for (const bad of ['01712345678', '+0123456789', '+1234', '+1234567890123456', '+88017 1234 5678', 8801712345678]) expect(isPhone(bad), String(bad)).toBe(false)
    expect(validatePhone('')).toBe(true) // required or not is the field's `required`
    expect(validatePhone('01712345678')).toMatch(/E\.164/)
    expect(normalisePhone('01712-345678')).toBe('+8801712345678')
    expect(normalisePhone('8801712345678')).toBe('+8801712345678')
    expect(normalisePhone('00 44 (20) 7946.0958')).toBe('+442079460958')
    expect(normalisePhone('+1 415 555 0100')).toBe('+14155550100')
    expect(normalisePhone('12345')).toBeNull()
    expect(normalisePhone(undefined)).toBeNull()
  })

  it('take ids as UUIDs in either case, nothing else', () => {
    expect(isUuid('3f2a8c1e-1111-4222-8333-444455556666')).toBe(true)
    expect(isUuid('3F2A8C1E-1111-4222-8333-444455556666')).toBe(true)
    for (const bad of ['3f2a8c1e111142228333444455556666', '{3f2a8c1e-1111-4222-8333-444455556666}', ' 3f2a8c1e-1111-4222-8333-444455556666', 42]) expect(isUuid(bad), String(bad)).toBe(false)
  })
})
