import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions } from './permission-guards';
import { fakeSession } from './testing/fakes';

describe('permissions', () => {
  const session = fakeSession();
  denyAllPermissions(session as never);

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])(
    'a request for %s is answered no',
    (permission) => {
      const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (...args: unknown[]) => void;
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl: 'app://sealmail/index.html' });
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('every permission check is answered no, for the app origin too', () => {
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check(null, 'media', 'app://sealmail', {})).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://sealmail', {})).toBe(false);
  });

  it('no USB, HID or serial device is ever granted', () => {
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://sealmail' })).toBe(false);
  });
});
