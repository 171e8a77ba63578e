import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { startLoopbackRedirect } from './loopback-redirect';

function get(url: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startLoopbackRedirect', () => {
  it('listens on 127.0.0.1 with a port of its own and takes the one request to its path', async () => {
    const redirect = await startLoopbackRedirect({ timeoutMs: 5_000 });
    try {
      expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
      expect(redirect.redirectUri).not.toContain(':80/');
      const page = await get(`${redirect.redirectUri}?code=abc&state=xyz`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('You can close this window and return to Sealmail.');
      expect(page.headers['content-security-policy']).toBe("default-src 'none'");
      const url = await redirect.callback;
      expect(url.searchParams.get('code')).toBe('abc');
    } finally {
      await redirect.close();
    }
  });

  it('answers other paths with 404 and keeps waiting', async () => {
    const redirect = await startLoopbackRedirect({ timeoutMs: 5_000 });
    try {
      const origin = new URL(redirect.redirectUri).origin;
      expect((await get(`${origin}/favicon.ico`)).status).toBe(404);
      expect((await get(`${origin}/oauth/callback/extra?code=evil`)).status).toBe(404);
      await get(`${redirect.redirectUri}?code=real`);
      expect((await redirect.callback).searchParams.get('code')).toBe('real');
    } finally {
      await redirect.close();
    }
  });

  it('refuses a second request to its path and keeps the first', async () => {
    const redirect = await startLoopbackRedirect({ timeoutMs: 5_000 });
    try {
      await get(`${redirect.redirectUri}?code=first`);
      const second = await get(`${redirect.redirectUri}?code=second`);
      expect(second.status).toBe(409);
      expect(second.body).toContain('This sign-in was already answered');
      expect((await redirect.callback).searchParams.get('code')).toBe('first');
    } finally {
      await redirect.close();
    }
  });

  it('stops waiting and listening after the timeout', async () => {
    const redirect = await startLoopbackRedirect({ timeoutMs: 100, timeoutMessage: 'Too slow.' });
    const error = await redirect.callback.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SealmailError);
    expect((error as SealmailError).code).toBe('TIMEOUT');
    expect((error as SealmailError).message).toBe('Too slow.');
    await expect(get(redirect.redirectUri)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await redirect.close();
  });
});
