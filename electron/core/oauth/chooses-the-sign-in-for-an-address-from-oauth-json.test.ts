/**
 * How setup learns whether an address signs in with a provider: by its domain (the built-in table
 * or the organisation's own providers in oauth.json), or because autoconfig said OAuth2 for a
 * known provider's server (a Microsoft 365 domain). A broken oauth.json is refused in one sentence.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAutoconfig } from '../setup/autoconfig-xml';
import { MemorySecretStore, systemClock } from '../ports';
import { createOAuth } from './oauth-access';

let dir: string;
let configFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealmail-oauth-config-'));
  configFile = join(dir, 'oauth.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const access = () => createOAuth(new MemorySecretStore(), { extraTrustAnchors: [] }, systemClock, { configFile }).access;
const corp = {
  id: 'corp',
  name: 'Corp Mail',
  issuer: 'https://login.corp.example',
  authorizationEndpoint: 'https://login.corp.example/authorize',
  tokenEndpoint: 'https://login.corp.example/token',
  scopes: ['mail'],
  imap: { host: 'imap.corp.example', port: 993 },
  smtp: { host: 'smtp.corp.example', port: 465 },
  domains: ['corp.example'],
};

describe('the sign-in method for an address', () => {
  it('is a password for a domain no provider serves', async () => {
    expect(await access().methodFor({ address: 'me@example.com' })).toEqual({ method: 'password' });
  });

  it('is the built-in provider for its domains, with what to configure when oauth.json has no client ID', async () => {
    const method = await access().methodFor({ address: 'me@gmail.com' });
    expect(method).toMatchObject({ method: 'oauth2', providerId: 'google', providerName: 'Google', imap: { host: 'imap.gmail.com', port: 993 } });
    expect(method.method === 'oauth2' && method.problem).toBe(
      "Sealmail has no OAuth client ID for Google: register Sealmail with Google and put its client ID in oauth.json (clients.google.clientId) to sign in with Google.",
    );
    await writeFile(configFile, JSON.stringify({ clients: { google: { clientId: 'id.apps.googleusercontent.com' } } }));
    expect(await access().methodFor({ address: 'me@gmail.com' })).toMatchObject({ method: 'oauth2', problem: null });
  });

  it('is an organisation\'s own provider from oauth.json', async () => {
    await writeFile(configFile, JSON.stringify({ clients: { corp: { clientId: 'sealmail' } }, providers: [corp] }));
    expect(await access().methodFor({ address: 'me@corp.example' })).toMatchObject({ method: 'oauth2', providerId: 'corp', providerName: 'Corp Mail', problem: null });
  });

  it('is Microsoft for a Microsoft 365 domain whose autoconfig says OAuth2 for outlook.office365.com, and only then', async () => {
    const xml = `<clientConfig><emailProvider id="contoso.com"><incomingServer type="imap"><hostname>outlook.office365.com</hostname><port>993</port><socketType>SSL</socketType><authentication>OAuth2</authentication><authentication>password-cleartext</authentication></incomingServer><outgoingServer type="smtp"><hostname>smtp.office365.com</hostname><port>587</port><socketType>STARTTLS</socketType><authentication>OAuth2</authentication></outgoingServer></emailProvider></clientConfig>`;
    const found = parseAutoconfig(xml, 'me@contoso.com');
    expect(found.oauth2).toBe(true);
    expect(await access().methodFor({ address: 'me@contoso.com', imapHost: found.imap[0]!.host, advertisedOAuth2: found.oauth2 })).toMatchObject({ method: 'oauth2', providerId: 'microsoft' });
    expect(await access().methodFor({ address: 'me@contoso.com', imapHost: 'outlook.office365.com', advertisedOAuth2: false })).toEqual({ method: 'password' });
    expect(parseAutoconfig(xml.replace(/<authentication>OAuth2<\/authentication>/g, ''), 'me@contoso.com').oauth2).toBe(false);
  });

  it.each([
    ['not JSON', '{ clients: ', /is not valid JSON, so Sealmail used none of it/],
    ['an http: endpoint', JSON.stringify({ providers: [{ ...corp, tokenEndpoint: 'http://login.corp.example/token' }] }), /providers\.0\.tokenEndpoint .*https/],
    ['a built-in id redefined', JSON.stringify({ providers: [{ ...corp, id: 'google' }] }), /the provider id "google" is Sealmail's own/],
    ['an empty client ID', JSON.stringify({ clients: { google: { clientId: ' ' } } }), /clients\.google\.clientId/],
  ])('refuses oauth.json with %s in one sentence, using none of it', async (_case, text, message) => {
    await writeFile(configFile, text);
    await expect(access().methodFor({ address: 'me@gmail.com' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
  });
});
