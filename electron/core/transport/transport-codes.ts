/**
 * Error codes Sealmail's own transport checks put on the errors they raise, so that
 * transport-errors can word each refusal for a person. Kept apart to avoid import cycles.
 */

/** Bytes arrived between the STARTTLS answer and the handshake (imapflow uses the same code). */
export const STARTTLS_INJECTION = 'STARTTLS_INJECTION';

/** The server presented another certificate than the one the user pinned. */
export const PIN_MISMATCH = 'ERR_SEALMAIL_PIN_MISMATCH';

/** The SMTP server advertised no AUTH mechanism, so Sealmail would not log in or send. */
export const NO_AUTH_OFFERED = 'ENOAUTHOFFERED';

/** The server offers neither OAUTHBEARER nor XOAUTH2, so an OAuth 2.0 account cannot log in there. */
export const NO_OAUTH_OFFERED = 'ENOOAUTHOFFERED';
