/**
 * What encrypted mail says while the keystore cannot be used. Apart from the S/MIME service so
 * that the message view can name them without loading pkijs (see create-core.ts).
 */
export const KEYSTORE_LOCKED_TO_READ = 'Unlock your certificates to read this message.';
export const NO_KEYSTORE_TO_READ = 'This message is encrypted; set up your certificates (import yours under Certificates) to read it.';
