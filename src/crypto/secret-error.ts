/** Thrown when a stored secret cannot be decrypted; the message never contains the secret. */
export class SecretDecryptError extends Error {
  constructor(
    readonly reason: 'malformed' | 'unknown-key' | 'tampered',
    message: string,
  ) {
    super(message)
    this.name = 'SecretDecryptError'
  }
}
