import { describe, expect, it } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { clientConfigFor, OAUTH_PROVIDERS, providerForAddress } from './providers';

describe('providerForAddress', () => {
  it.each([
    ['someone@gmail.com', 'google'],
    ['someone@googlemail.com', 'google'],
    ['Someone@Outlook.COM', 'microsoft'],
    ['someone@hotmail.com', 'microsoft'],
    ['someone@live.com', 'microsoft'],
    ['someone@msn.com', 'microsoft'],
    ['someone@yahoo.com', 'yahoo'],
    ['someone@ymail.com', 'yahoo'],
    ['someone@aol.com', 'aol'],
    ['someone@fastmail.com', 'fastmail'],
    ['someone@fastmail.fm', 'fastmail'],
    ['"odd@local"@gmail.com', 'google'],
  ])('finds the provider serving %s', (address, id) => {
    expect(providerForAddress(address)?.id).toBe(id);
  });

  it.each(['someone@example.com', 'someone@contoso.onmicrosoft.com', 'someone@gmail.com.evil.test', 'gmail.com', 'someone@', ''])(
    'finds none for %j (a Microsoft 365 domain is left to autoconfig)',
    (address) => {
      expect(providerForAddress(address)).toBeNull();
    },
  );

  it('asks for IMAP and SMTP access with each provider\'s scopes, and only over HTTPS', () => {
    expect(OAUTH_PROVIDERS.google.scopes).toEqual(['https://mail.google.com/']);
    expect(OAUTH_PROVIDERS.microsoft.scopes).toEqual(['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access']);
    expect(OAUTH_PROVIDERS.yahoo.scopes).toEqual(['mail-w']);
    expect(OAUTH_PROVIDERS.aol.scopes).toEqual(['mail-w']);
    for (const provider of Object.values(OAUTH_PROVIDERS)) {
      expect(new URL(provider.authorizationEndpoint).protocol).toBe('https:');
      expect(new URL(provider.tokenEndpoint).protocol).toBe('https:');
      expect(provider).not.toHaveProperty('clientId');
    }
  });
});

describe('clientConfigFor', () => {
  it('returns the configured client for the provider', () => {
    expect(clientConfigFor(OAUTH_PROVIDERS.yahoo, { yahoo: { clientId: 'id', clientSecret: 'secret' } })).toEqual({ clientId: 'id', clientSecret: 'secret' });
  });

  it('says in one sentence which client ID to configure when there is none', () => {
    const error = (() => {
      try {
        clientConfigFor(OAUTH_PROVIDERS.microsoft, { google: { clientId: 'google-id' }, microsoft: { clientId: '  ' } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SealmailError);
    expect((error as SealmailError).code).toBe('INVALID_INPUT');
    expect((error as SealmailError).message).toBe(
      "Sealmail has no OAuth client ID for Microsoft: register Sealmail with Microsoft and put its client ID in oauth.json (clients.microsoft.clientId) to sign in with Microsoft.",
    );
  });
});
