/** Larger messages are not loaded whole into memory for display. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
