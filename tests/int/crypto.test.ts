import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { decryptSecret, encryptSecret, getKeyring, isEncrypted, maskSecret, reencryptSecret, SecretDecryptError } from '../../src/crypto'

const keyA = randomBytes(32).toString('base64')
const keyB = randomBytes(32).toString('base64')
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const envA = { NODE_ENV: 'test', SECRETS_KEYS: `a:${keyA}` }
const envAB = { NODE_ENV: 'test', SECRETS_KEYS: `a:${keyA},b:${keyB}`, SECRETS_ACTIVE_KEY: 'b' }

/** Replaces part `index` of a stored value (0 version, 1 keyId, 2 iv, 3 tag, 4 ciphertext). */
function withPart(stored: string, index: number, change: (part: string) => string): string {
  const parts = stored.split(':')
  parts[index] = change(parts[index])
  return parts.join(':')
}

/** Flips one bit of the first byte of a base64url part, keeping it canonical. */
function flipFirstByte(part: string): string {
  const buf = Buffer.from(part, 'base64url')
  buf[0] = buf[0] ^ 0x01
  return buf.toString('base64url')
}

function expectDecryptError(fn: () => unknown, reason: SecretDecryptError['reason']): void {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(SecretDecryptError)
    expect((err as SecretDecryptError).reason).toBe(reason)
    return
  }
  throw new Error('expected decryptSecret to throw')
}

describe('secrets encryption', () => {
  it('round-trips, in the v1:<keyId>:<iv>:<tag>:<ciphertext> format', () => {
    const keyring = getKeyring(envA)
    const stored = encryptSecret('EAAG-token-123', keyring)
    expect(stored).toMatch(/^v1:a:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/)
    expect(stored).not.toContain('EAAG')
    expect(decryptSecret(stored, keyring)).toBe('EAAG-token-123')
    expect(decryptSecret(encryptSecret('', keyring), keyring)).toBe('')
  })

  it('round-trips unicode', () => {
    const keyring = getKeyring(envA)
    const text = 'পাসওয়ার্ড 🔐 ünïcødé 中文'
    expect(decryptSecret(encryptSecret(text, keyring), keyring)).toBe(text)
  })

  it('gives different ciphertexts for the same plaintext (random IV)', () => {
    const keyring = getKeyring(envA)
    const one = encryptSecret('same', keyring)
    const two = encryptSecret('same', keyring)
    expect(one).not.toBe(two)
    expect(one.split(':')[2]).not.toBe(two.split(':')[2])
  })

  it('rejects tampering with the ciphertext, tag, iv or key id', () => {
    const keyring = getKeyring(envAB)
    const stored = encryptSecret('sk_live_abcdefgh', keyring)
    expectDecryptError(() => decryptSecret(withPart(stored, 4, flipFirstByte), keyring), 'tampered')
    expectDecryptError(() => decryptSecret(withPart(stored, 3, flipFirstByte), keyring), 'tampered')
    expectDecryptError(() => decryptSecret(withPart(stored, 2, flipFirstByte), keyring), 'tampered')
    // Swapping the key id: the AAD binds the id, so even the right key under another id fails.
    const sameKeyTwice = getKeyring({ NODE_ENV: 'test', SECRETS_KEYS: `a:${keyA},b:${keyA}` })
    const underA = encryptSecret('sk_live_abcdefgh', sameKeyTwice)
    expect(decryptSecret(underA, sameKeyTwice)).toBe('sk_live_abcdefgh')
    expectDecryptError(
      () =>
        decryptSecret(
          withPart(underA, 1, () => 'b'),
          sameKeyTwice,
        ),
      'tampered',
    )
    expectDecryptError(
      () =>
        decryptSecret(
          withPart(stored, 1, () => 'a'),
          keyring,
        ),
      'tampered',
    )
    // Truncated ciphertext and non-canonical base64url (spare bits changed) are rejected too.
    expectDecryptError(
      () =>
        decryptSecret(
          withPart(stored, 4, (p) => p.slice(0, -2)),
          keyring,
        ),
      'tampered',
    )
    // A 16-byte tag is 22 base64url chars; the last char carries 4 spare bits that lenient decoders
    // ignore, so flipping one yields the same bytes — the format must still reject it.
    const nonCanonical = withPart(stored, 3, (tag) => tag.slice(0, -1) + B64URL[B64URL.indexOf(tag.at(-1)!) ^ 1])
    expect(Buffer.from(nonCanonical.split(':')[3], 'base64url')).toEqual(Buffer.from(stored.split(':')[3], 'base64url'))
    expectDecryptError(() => decryptSecret(nonCanonical, keyring), 'malformed')
  })

  it('rejects malformed values', () => {
    const keyring = getKeyring(envA)
    for (const bad of ['', 'plain text', 'v2:a:x:y:z', 'v1:a:short:short:', `v1:a:${'A'.repeat(16)}:${'A'.repeat(22)}:+/`]) {
      expectDecryptError(() => decryptSecret(bad, keyring), 'malformed')
    }
    expectDecryptError(() => decryptSecret(undefined as unknown as string, keyring), 'malformed')
  })

  it('names an unknown key id', () => {
    const stored = encryptSecret('x', getKeyring({ NODE_ENV: 'test', SECRETS_KEYS: `old:${keyB}` }))
    expectDecryptError(() => decryptSecret(stored, getKeyring(envA)), 'unknown-key')
    expect(() => decryptSecret(stored, getKeyring(envA))).toThrow(/unknown key id "old"/)
  })

  it('rotates: old values still decrypt and reencryptSecret moves them to the active key', () => {
    const stored = encryptSecret('rotate-me', getKeyring(envA))
    const rotated = getKeyring(envAB)
    expect(rotated.activeKeyId).toBe('b')
    expect(decryptSecret(stored, rotated)).toBe('rotate-me')
    const moved = reencryptSecret(stored, rotated)
    expect(moved.split(':')[1]).toBe('b')
    expect(decryptSecret(moved, rotated)).toBe('rotate-me')
    expect(reencryptSecret(moved, rotated)).toBe(moved)
    expect(() => decryptSecret(moved, getKeyring(envA))).toThrow(/unknown key id "b"/)
    expect(() => reencryptSecret(withPart(stored, 4, flipFirstByte), rotated)).toThrow(SecretDecryptError)
  })
})

describe('keyring', () => {
  it('defaults the active key to the first entry and caches per env values', () => {
    const keyring = getKeyring({ NODE_ENV: 'test', SECRETS_KEYS: ` a:${keyA} , b:${keyB} ,` })
    expect(keyring.activeKeyId).toBe('a')
    expect([...keyring.keys.keys()]).toEqual(['a', 'b'])
    expect(keyring.keys.get('b')).toEqual(Buffer.from(keyB, 'base64'))
    expect(getKeyring({ ...envA })).toBe(getKeyring({ ...envA }))
    expect(getKeyring(envA)).not.toBe(getKeyring(envAB))
  })

  it('accepts base64url keys', () => {
    const raw = randomBytes(32)
    expect(getKeyring({ NODE_ENV: 'test', SECRETS_KEYS: `u:${raw.toString('base64url')}` }).keys.get('u')).toEqual(raw)
  })

  it('derives a stable dev key from PAYLOAD_SECRET outside production', () => {
    const one = getKeyring({ NODE_ENV: 'development', PAYLOAD_SECRET: 'dev-secret' })
    const two = getKeyring({ NODE_ENV: 'test', PAYLOAD_SECRET: 'dev-secret' })
    expect(one.activeKeyId).toBe('dev')
    expect(one.keys.get('dev')).toHaveLength(32)
    expect(one.keys.get('dev')).toEqual(two.keys.get('dev'))
    expect(decryptSecret(encryptSecret('x', one), two)).toBe('x')
    expect(getKeyring({ PAYLOAD_SECRET: 'other' }).keys.get('dev')).not.toEqual(one.keys.get('dev'))
    expect(() => getKeyring({ NODE_ENV: 'test' })).toThrow('SECRETS_KEYS or PAYLOAD_SECRET must be set')
  })

  it('throws in production without SECRETS_KEYS', () => {
    expect(() => getKeyring({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x' })).toThrow('SECRETS_KEYS must be set in production')
    expect(() => getKeyring({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x', SECRETS_KEYS: ' ' })).toThrow('SECRETS_KEYS must be set in production')
    expect(getKeyring({ NODE_ENV: 'production', SECRETS_KEYS: `a:${keyA}` }).activeKeyId).toBe('a')
  })

  it('reports bad entries clearly without printing key material', () => {
    const short = randomBytes(16).toString('base64')
    const cases: Array<[string, RegExp]> = [
      [`a:${keyA},b:${short}`, /^SECRETS_KEYS entry #2 \("b"\) key must decode to 32 bytes, got 16$/],
      [`a:${keyA},${keyB}`, /^SECRETS_KEYS entry #2 is not in keyId:base64key form$/],
      [`${keyB}:${keyA}`, /^SECRETS_KEYS entry #1 has an invalid keyId/],
      [`a:${keyA},a:${keyB}`, /^SECRETS_KEYS entry #2 \("a"\) repeats a keyId$/],
      [`a:not*base64!`, /^SECRETS_KEYS entry #1 \("a"\) key is not valid base64$/],
      [',', /^SECRETS_KEYS is set but contains no/],
    ]
    for (const [SECRETS_KEYS, message] of cases) {
      let error: Error | undefined
      try {
        getKeyring({ NODE_ENV: 'production', SECRETS_KEYS })
      } catch (err) {
        error = err as Error
      }
      expect(error?.message).toMatch(message)
      expect(error?.message).not.toContain(short)
      expect(error?.message).not.toContain(keyA)
      expect(error?.message).not.toContain(keyB)
      expect(error?.message).not.toContain('\n')
    }
    expect(() => getKeyring({ ...envA, SECRETS_ACTIVE_KEY: 'zzz' })).toThrow('SECRETS_ACTIVE_KEY "zzz" is not a keyId in SECRETS_KEYS (a)')
  })
})

describe('masking', () => {
  it('shows only the last 4 characters of secrets of 8+ characters', () => {
    expect(maskSecret('sk_live_123a9f2')).toBe('••••a9f2')
    expect(maskSecret('12345678')).toBe('••••5678')
    expect(maskSecret('1234567')).toBe('••••')
    expect(maskSecret('')).toBe('••••')
    expect(maskSecret('abcd🔐🔐🔐🔐')).toBe('••••🔐🔐🔐🔐')
  })

  it('recognises the stored format', () => {
    const stored = encryptSecret('value', getKeyring(envA))
    expect(isEncrypted(stored)).toBe(true)
    expect(isEncrypted('sk_live_123')).toBe(false)
    expect(isEncrypted('v1:a:b:c:d')).toBe(false)
    expect(isEncrypted(null)).toBe(false)
    expect(isEncrypted(42)).toBe(false)
  })
})
