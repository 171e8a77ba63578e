/**
 * The port through which the OS keychain protects the keystore's data key. Electron implements it
 * with safeStorage (electron/app/safe-storage-key-wrapper.ts); where there is none, a passphrase
 * does the wrapping instead (passphrase-wrap.ts).
 */
export interface KeyWrapper {
  /** A short name for messages and the file header, e.g. 'os-keychain'. */
  readonly kind: 'os-keychain';
  /** Encrypts the data key with a key only this user on this machine can use. */
  wrap(dataKey: Uint8Array): Promise<Uint8Array>;
  /** Reverses wrap(); throws when the keychain cannot (a reset keychain, another machine). */
  unwrap(wrapped: Uint8Array): Promise<Uint8Array>;
}
