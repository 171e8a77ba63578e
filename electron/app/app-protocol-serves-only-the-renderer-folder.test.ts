import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppRequestHandler, registerAppScheme, resolveAppPath } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'sealmail-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Sealmail</title>');
  await writeFile(join(root, 'assets', 'main-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'main-abc.css'), 'body{}');
  await writeFile(join(root, 'assets', 'blob.xyz'), 'opaque');
  // Beside the renderer folder, sharing its name as a prefix: must stay out of reach too.
  await mkdir(join(base, 'renderer-secrets'));
  await writeFile(join(base, 'renderer-secrets', 'key.txt'), 'TOP SECRET');
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET');
  handler = createAppRequestHandler(root);
});
afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });

  it.each([
    ['app://sealmail/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://sealmail/', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://sealmail/assets/main-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://sealmail/assets/main-abc.css?v=2', 'text/css; charset=utf-8', 'body{}'],
    ['app://sealmail/assets/blob.xyz', 'application/octet-stream', 'opaque'],
  ])('serves %s as %s with the CSP header', async (url, type, start) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it.each([
    'app://sealmail/../../etc/passwd',
    'app://sealmail/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://sealmail/%2e%2e/secret.txt',
    'app://sealmail/..%2fsecret.txt',
    'app://sealmail/..%5csecret.txt',
    'app://sealmail/..%2Frenderer-secrets%2Fkey.txt',
    'app://sealmail/assets/..%2F..%2Fsecret.txt',
    'app://sealmail/%252e%252e%252fsecret.txt',
    'app://sealmail/index.html%00.png',
    'app://sealmail/%E0%A4%A',
    'app://evil/index.html',
    'app://sealmail/assets',
    'app://sealmail/nothing-here.js',
  ])('refuses %s without revealing anything', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never maps a URL outside the folder, whatever the spelling', () => {
    expect(resolveAppPath(root, 'app://sealmail/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://sealmail/..%2Frenderer-secrets%2Fkey.txt')).toBeNull();
    expect(resolveAppPath(root, 'app://sealmail/')).toBe(join(root, 'index.html'));
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://sealmail/index.html', 'POST')).status).toBe(405);
    const head = await get('app://sealmail/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows no remote load, no inline or eval script, no plugin, no form', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
  });

  it("lets the sandboxed srcdoc message frame exist and keep its inline styles", () => {
    expect(directives.get('frame-src')).toContain('about:');
    expect(directives.get('style-src')).toContain("'unsafe-inline'");
  });
});
