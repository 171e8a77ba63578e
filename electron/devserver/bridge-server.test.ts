/**
 * The loopback bridge serves nothing without its per-run token, only on 127.0.0.1, and carries the
 * contract faithfully to the core.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../core/create-core';
import { MemorySecretStore } from '../core/ports';
import { startBridgeServer, type BridgeServer } from './bridge-server';

let dir: string;
let core: Core;
let bridge: BridgeServer;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealmail-bridge-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Sealmail</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  core = createCore({ profileDir: join(dir, 'profile'), secrets: new MemorySecretStore() });
  bridge = await startBridgeServer({ core, staticDir: join(dir, 'renderer') });
  origin = `http://127.0.0.1:${bridge.port}`;
});

afterAll(async () => {
  await bridge.close();
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

function openSocket(url: string, headers: Record<string, string> = { Origin: origin }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

function callOver(ws: WebSocket, call: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    ws.on('message', function onMessage(data) {
      const frame = JSON.parse(String(data));
      if (frame.kind === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result);
      }
    });
    ws.send(JSON.stringify({ id, call, input }));
  });
}

describe('loopback bridge', () => {
  it('prints an address on 127.0.0.1 that carries the token', () => {
    expect(bridge.url).toBe(`${origin}/?token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves nothing without the token, or with a wrong one', async () => {
    expect((await fetch(`${origin}/`)).status).toBe(403);
    expect((await fetch(`${origin}/index.html`)).status).toBe(403);
    expect((await fetch(`${origin}/?token=${bridge.token.slice(0, -1)}x`)).status).toBe(403);
  });

  it('serves the page with the token and its assets with the cookie it sets', async () => {
    const page = await fetch(bridge.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Sealmail</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^sealmail_token=/);
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/);

    const asset = await fetch(`${origin}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('never serves files outside the renderer folder', async () => {
    const response = await fetch(`${origin}/..%2fsecret.txt?token=${bridge.token}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: bridge.port, path: `/?token=${bridge.token}`, headers: { Host: `evil.example:${bridge.port}` } }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(400);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(openSocket(`ws://127.0.0.1:${bridge.port}/bridge`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=${bridge.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('carries calls to the core and returns their results, validation errors included', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=${bridge.token}`);
    try {
      expect(await callOver(ws, 'listAccounts', {})).toEqual({ ok: true, value: [] });
      expect(await callOver(ws, 'listFolders', { accountId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await callOver(ws, 'listMessages', { accountId: 'x', folder: 'INBOX', limit: 100000 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await callOver(ws, 'getPrivateKey', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      ws.close();
    }
  });
});
