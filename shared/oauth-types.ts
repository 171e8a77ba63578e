/** How an account logs in: a password, or OAuth 2.0 with a provider (issue 17). Plain data. */
import type { ServerEndpoint } from './domain';

/** What setup should offer for an address: a password field, or "Sign in with <provider>". */
export type SignInMethod =
  | { method: 'password' }
  | {
      method: 'oauth2';
      providerId: string;
      providerName: string;
      /** The provider's own servers, filled in for the person to see. */
      imap: ServerEndpoint;
      smtp: ServerEndpoint;
      /** Why signing in cannot start yet (no client ID configured), in one sentence; null when it can. */
      problem: string | null;
    };

/** An account's stored sign-in, as the renderer may see it: never a token. */
export interface AccountSignIn {
  method: 'oauth2';
  providerId: string;
  providerName: string;
}

/** What Connection security says about how the account logs in. */
export type SignInStatus =
  | { method: 'password' }
  | {
      method: 'oauth2';
      providerName: string;
      /** ISO 8601: when the provider last issued an access token; null before the first refresh. */
      lastRefreshedAt: string | null;
      /** False once the provider stopped accepting the sign-in: the person must sign in again. */
      signedIn: boolean;
    };
