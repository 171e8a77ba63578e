/**
 * Sealmail's pages need no camera, microphone, notifications, geolocation, USB, HID or serial
 * port; a message must never be able to ask for one. Every request and check is answered no.
 */
import type { Session } from 'electron';

type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** Denies every permission request and check in `session`. Safe to call more than once. */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
