/**
 * oauth.json in the profile folder: Sealmail's own client registrations with each provider, and
 * providers an organisation runs itself. Sealmail ships no client IDs (it must never borrow another
 * application's), so this file is how a build or a person supplies them. Read on every sign-in, so
 * an edit applies without a restart; a broken file is reported in words and never half-used.
 *
 *   { "clients": { "google": { "clientId": "…", "clientSecret": "…" } },
 *     "providers": [ { "id": "corp", "name": "Corp Mail", "issuer": "https://…", … } ] }
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SealmailError } from '../../../shared/errors';
import { endpointInput } from '../../../shared/inputs';
import { OAUTH_PROVIDERS, type OAuthClientConfigs, type OAuthProvider } from './providers';

export const OAUTH_CONFIG_FILE_NAME = 'oauth.json';

// Endpoints are HTTPS only; the sign-in checks again before it sends anything (token-fetch.ts).
const httpsUrl = z.string().max(2000).url().refine((url) => url.startsWith('https://'), 'must be an https: address');
const domain = z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'is not a domain name');

const configuredProvider = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(80),
  issuer: httpsUrl,
  authorizationEndpoint: httpsUrl,
  tokenEndpoint: httpsUrl,
  scopes: z.array(z.string().min(1).max(500)).min(1).max(20),
  extraAuthorizationParameters: z.record(z.string(), z.string().max(500)).optional(),
  imap: endpointInput,
  smtp: endpointInput,
  domains: z.array(domain).min(1).max(200),
});

const oauthFile = z.object({
  clients: z.record(z.string(), z.object({ clientId: z.string().trim().min(1).max(500), clientSecret: z.string().max(500).optional() })).default({}),
  providers: z.array(configuredProvider).max(50).default([]),
});

export interface OAuthConfig {
  clients: OAuthClientConfigs;
  /** The organisation's own providers; a built-in id cannot be redefined. */
  providers: OAuthProvider[];
}

export const EMPTY_OAUTH_CONFIG: OAuthConfig = { clients: {}, providers: [] };

/** The file's configuration; none when it does not exist; an INVALID_INPUT sentence when it is broken. */
export async function readOAuthConfig(path: string): Promise<OAuthConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_OAUTH_CONFIG;
    throw new SealmailError('STORAGE_FAILED', `Sealmail could not read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SealmailError('INVALID_INPUT', `${path} is not valid JSON, so Sealmail used none of it; fix it to sign in with OAuth 2.0.`);
  }
  const parsed = oauthFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SealmailError('INVALID_INPUT', `${path}: ${issue.path.join('.') || 'the file'} ${issue.message.replace(/^./, (c) => c.toLowerCase())}; Sealmail used none of it.`);
  }
  const builtIn = parsed.data.providers.find((provider) => provider.id in OAUTH_PROVIDERS);
  if (builtIn) throw new SealmailError('INVALID_INPUT', `${path}: the provider id "${builtIn.id}" is Sealmail's own; give your provider another id.`);
  return { clients: parsed.data.clients, providers: parsed.data.providers };
}
