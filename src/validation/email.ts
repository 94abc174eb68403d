/**
 * An e-mail address, by the same rule as Payload's `email` field (payload/dist/fields/
 * validations.js `email`): no quotes, spaces or `..`, a domain of dot-separated labels that
 * neither start nor end with `-`, and a top-level domain of two letters or more. Our endpoints
 * (signup, invitations, storefront orders) check with it, so an address they accept is one the
 * `email` fields of users, invitations, customers and leads accept too
 * (tests/int/validators.test.ts compares the two).
 */
export const EMAIL = /^(?!.*\.\.)[\w!#$%&'*+/=?^`{|}~-](?:[\w!#$%&'*+/=?^`{|}~.-]*[\w!#$%&'*+/=?^`{|}~-])?@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i

/** At most 254 characters (RFC 5321's limit on a path). */
export const EMAIL_MAX_LENGTH = 254

/** Whether `value` is an e-mail address (a string of at most 254 characters matching EMAIL). */
export const isEmail = (value: unknown): value is string => typeof value === 'string' && value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value)
