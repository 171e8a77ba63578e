/** Remote images load only on request, inlined as data: URLs; inline cid: images always resolve. */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../mime/parse-message';
import { HtmlSanitiser } from '../mime/sanitize-html';
import { fetchRemoteImage } from './fetch-remote-image';
import { RemoteContentService } from './remote-content-service';
import { SenderAllowList } from './sender-allow-list';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const sanitiser = new HtmlSanitiser();
let server: Server;
let base: string;
let profile: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    hits++;
    if (request.url === '/pixel.png') response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (request.url === '/page.html') response.writeHead(200, { 'content-type': 'text/html' }).end('<script>x</script>');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  profile = await mkdtemp(join(tmpdir(), 'sealmail-remote-'));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(profile, { recursive: true, force: true });
});

const message = (from: string, html: string, extra: string[] = []) =>
  Buffer.from(
    [
      `From: ${from}`,
      'Subject: News',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="r"',
      '',
      '--r',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
      ...extra,
      '--r--',
      '',
    ].join('\r\n'),
  );

describe('remote content', () => {
  it('loads allowed images as data: URLs, skips what is not an image, and remembers senders', async () => {
    const raw = message('news@example.test', `<p>Hi</p><img src="${base}/pixel.png" alt="p"><img src="${base}/page.html"><img src="${base}/missing.png">`);
    const allowList = new SenderAllowList(profile);
    const service = new RemoteContentService({ source: async () => raw }, allowList, () => sanitiser, fetchRemoteImage);

    hits = 0;
    expect(await service.load('a', 'INBOX', 1, 'senderAllowed')).toMatchObject({ loaded: false, html: null });
    expect(hits).toBe(0);

    const now = await service.load('a', 'INBOX', 1, 'now');
    expect(now.loaded).toBe(true);
    expect(now.html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(now.html).not.toContain(base);
    expect(now.failed).toBe(2);

    await service.allowSender('News@example.test');
    expect(JSON.parse(await readFile(join(profile, 'remote-content-senders.json'), 'utf8'))).toEqual({ senders: ['news@example.test'] });
    expect((await new RemoteContentService({ source: async () => raw }, new SenderAllowList(profile), () => sanitiser, fetchRemoteImage).load('a', 'INBOX', 1, 'senderAllowed')).loaded).toBe(true);
  });

  it('never loads for encrypted mail', async () => {
    const raw = Buffer.from('From: a@example.test\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nAAAA\r\n');
    const service = new RemoteContentService({ source: async () => raw }, new SenderAllowList(profile), () => sanitiser, async () => 'data:image/png;base64,AA');
    const result = await service.load('a', 'INBOX', 1, 'now');
    expect(result.loaded).toBe(false);
    expect(result.reason).toMatch(/encrypted/);
  });
});

describe('inline images', () => {
  it('resolves cid: references to the message’s own image parts, and nothing else', async () => {
    const raw = message('bob@example.test', '<p>Logo:</p><img src="cid:logo@example.test"><img src="cid:script@example.test">', [
      '--r',
      'Content-Type: image/png',
      'Content-ID: <logo@example.test>',
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
      '--r',
      'Content-Type: image/svg+xml',
      'Content-ID: <script@example.test>',
      '',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ]);
    const view = await parseMessage(raw, { uid: 1, folder: 'INBOX' }, sanitiser);
    expect(view.html).toContain(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(view.html).not.toMatch(/svg|cid:/);
  });
});
