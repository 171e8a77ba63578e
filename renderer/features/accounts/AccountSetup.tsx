/**
 * Account setup, connected. Starts from an address and a password: when no servers are given it asks
 * the core to find them (never proposing plaintext), then has the core test and save the account.
 * A certificate no authority vouches for is shown in full, and pinned only if the person says so in
 * an explicit dialog; a refusal is shown beside the form and nothing else changes. For an address
 * whose provider signs in with OAuth 2.0 (asked of the core as the address is typed, and again with
 * what discovery found), the core signs in through the browser instead and no password is asked for.
 */
import { useEffect, useRef, useState } from 'react';
import type { Account, ServerEndpoint } from '../../../shared/domain';
import type { AppError, CertificateSummary } from '../../../shared/errors';
import { accountSettingsInput, emailAddress, oauthAccountInput } from '../../../shared/inputs';
import type { SignInMethod } from '../../../shared/oauth-types';
import type { DiscoveredSettings } from '../../../shared/transport-types';
import { useApi } from '../../api/api-context';
import { AccountSetupForm, EMPTY_SETUP, type SetupField, type SetupFields } from '../../components/AccountSetupForm';
import { CertificateTrustDialog } from '../../components/CertificateTrustDialog';
import { settle } from '../../lib/settle';
import '../../styles/connection-security.css';

const FIELD_LABELS: Record<SetupField, string> = {
  address: 'Email address',
  displayName: 'Display name',
  password: 'Password',
  imapHost: 'IMAP server',
  imapPort: 'IMAP port',
  imapSecurity: 'IMAP security',
  smtpHost: 'SMTP server',
  smtpPort: 'SMTP port',
  smtpSecurity: 'SMTP security',
};

const SOURCE_WORDS = { srv: 'your domain’s DNS (SRV records)', autoconfig: 'your provider’s settings, fetched over HTTPS', guess: 'a TLS connection to a likely server name' };

/** Maps a validator path like ['imap', 'host'] back to the form field. */
function fieldOf(path: readonly PropertyKey[]): SetupField | null {
  const [head, tail] = path;
  if (head === 'imap' || head === 'smtp') return `${head}${tail === 'port' ? 'Port' : tail === 'security' ? 'Security' : 'Host'}`;
  if (head === 'address' || head === 'displayName' || head === 'password') return head;
  return null;
}

function parsePort(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : null;
}

interface SetupError {
  message: string;
  field: SetupField | null;
  certificate?: CertificateSummary;
}

type Pins = { imap?: string; smtp?: string };

type OAuthMethod = Extract<SignInMethod, { method: 'oauth2' }>;

/** What discovery learnt that helps the core recognise the provider (e.g. a custom domain at Microsoft 365). */
interface DiscoveryHint {
  address: string;
  imapHost: string;
  advertisedOAuth2: boolean;
}

/** Long enough that typing an address does not ask the core once per key. */
const SIGN_IN_METHOD_DELAY_MS = 300;

type Refusal = { ok: false; error: AppError };

/** The provider's servers go into the server fields the person left empty; what they typed stays. */
function withProviderServers(fields: SetupFields, method: OAuthMethod): SetupFields {
  const fill = (server: 'imap' | 'smtp', endpoint: ServerEndpoint): Partial<SetupFields> =>
    fields[`${server}Host`].trim()
      ? {}
      : { [`${server}Host`]: endpoint.host, [`${server}Port`]: String(endpoint.port), [`${server}Security`]: endpoint.security ?? 'tls' };
  return { ...fields, ...fill('imap', method.imap), ...fill('smtp', method.smtp) };
}

export interface AccountSetupProps {
  onAdded(account: Account): void;
  /** Offered when there is somewhere to go back to. */
  onCancel?: () => void;
}

export function AccountSetup({ onAdded, onCancel }: AccountSetupProps) {
  const api = useApi();
  const [fields, setFields] = useState<SetupFields>(EMPTY_SETUP);
  const [pins, setPins] = useState<Pins>({});
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<SetupError | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [asking, setAsking] = useState<{ certificate: CertificateSummary; reason: string; server: 'imap' | 'smtp' } | null>(null);
  const [hint, setHint] = useState<DiscoveryHint | null>(null);
  const [asked, setAsked] = useState<{ key: string; address: string; method: SignInMethod } | null>(null);
  const [waiting, setWaiting] = useState(false);
  // Each browser sign-in gets a number; only the latest one's answer counts ("Start again" replaces the others).
  const signInAttempt = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The method belongs to the address it was asked for: a different address is a password one until the core says otherwise.
  const oauth = asked && asked.address === fields.address && asked.method.method === 'oauth2' ? asked.method : null;
  const askedKey = asked?.key ?? null;

  useEffect(() => {
    const address = fields.address;
    if (!emailAddress.safeParse(address).success) return;
    const query = { address, ...(hint && hint.address === address ? { imapHost: hint.imapHost, advertisedOAuth2: hint.advertisedOAuth2 } : {}) };
    const key = JSON.stringify(query);
    // Not while the core is busy with this setup, and never twice for the same question.
    if (pending !== null || waiting || key === askedKey) return;
    const timer = setTimeout(() => {
      void settle(() => api.signInMethod(query)).then((result) => {
        if (!mounted.current) return;
        // A core that cannot tell leaves setup as it always was: with a password.
        const method: SignInMethod = result.ok ? result.value : { method: 'password' };
        setAsked({ key, address, method });
        if (method.method === 'oauth2') setFields((old) => (old.address === address ? withProviderServers(old, method) : old));
      });
    }, SIGN_IN_METHOD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, fields.address, hint, pending, waiting, askedKey]);

  const change = (next: SetupFields) => {
    // A pin belongs to the server it was made for; editing that server forgets it.
    setPins((old) => ({
      imap: next.imapHost === fields.imapHost && next.imapPort === fields.imapPort ? old.imap : undefined,
      smtp: next.smtpHost === fields.smtpHost && next.smtpPort === fields.smtpPort ? old.smtp : undefined,
    }));
    setFields(next);
  };

  /**
   * Fills the server fields from discovery; returns the fields to use, or null when it failed or
   * when the person should look at them first (a server outside their domain named only by DNS).
   */
  const discover = async (from: SetupFields): Promise<SetupFields | null> => {
    if (!emailAddress.safeParse(from.address).success) {
      setError({ field: 'address', message: `${FIELD_LABELS.address}: enter an address like name@example.com, then Sealmail can look up its servers.` });
      return null;
    }
    setPending('Finding your servers…');
    setError(null);
    const result = await settle(() => api.discoverServers({ address: from.address }));
    if (!mounted.current) return null;
    setPending(null);
    if (!result.ok) {
      setError({ field: 'imapHost', message: result.error.message });
      return null;
    }
    const found: DiscoveredSettings = result.value;
    const next: SetupFields = {
      ...from,
      imapHost: found.imap.host,
      imapPort: String(found.imap.port),
      imapSecurity: found.imap.security,
      smtpHost: found.smtp.host,
      smtpPort: String(found.smtp.port),
      smtpSecurity: found.smtp.security,
    };
    setPins({});
    setFields(next);
    setHint({ address: from.address, imapHost: found.imap.host, advertisedOAuth2: found.oauth2 });
    setNotes([
      `IMAP ${found.imap.host}:${found.imap.port} from ${SOURCE_WORDS[found.source.imap]}; SMTP ${found.smtp.host}:${found.smtp.port} from ${SOURCE_WORDS[found.source.smtp]}. Check them before adding the account.`,
      ...found.discarded,
    ]);
    if (found.confirm.length > 0) {
      setError({ field: 'imapHost', message: `${found.confirm.join(' ')} Then choose Add account again.` });
      return null;
    }
    return next;
  };

  const submit = (given: SetupFields, pinned: Pins) => (oauth ? signInWithProvider(given, pinned, oauth) : addWithPassword(given, pinned));

  const addWithPassword = async (given: SetupFields, pinned: Pins) => {
    let current = given;
    if (!current.imapHost.trim() || !current.smtpHost.trim()) {
      const password = accountSettingsInput.shape.password.safeParse(current.password);
      if (!emailAddress.safeParse(current.address).success || !password.success) return check(current, pinned);
      const found = await discover(current);
      if (!found) return;
      current = found;
    }
    const input = check(current, pinned);
    if (!input) return;

    setPending('Checking servers…');
    setError(null);
    const result = await settle(() => api.addAccount(input));
    if (!mounted.current) return;
    setPending(null);
    if (result.ok) onAdded(result.value);
    else refused(result, current);
  };

  /** Has the core sign in through the browser; calling it again while one waits replaces that one. */
  const signInWithProvider = async (given: SetupFields, pinned: Pins, method: OAuthMethod) => {
    if (method.problem) return;
    const current = withProviderServers(given, method);
    if (current !== given) setFields(current);
    const servers = serverInputs(current, pinned);
    if (!servers) return;
    const input = { address: current.address, displayName: current.displayName, providerId: method.providerId, ...servers };
    if (!valid(oauthAccountInput.safeParse(input))) return;

    const attempt = ++signInAttempt.current;
    setWaiting(true);
    setError(null);
    const result = await settle(() => api.addOAuthAccount(input));
    // The replaced sign-in fails with "replaced by a newer one": nothing the person needs to read.
    if (!mounted.current || attempt !== signInAttempt.current) return;
    setWaiting(false);
    if (result.ok) onAdded(result.value);
    else refused(result, current);
  };

  /** Shows a refusal beside the form; a certificate a pin may excuse is offered in the trust dialog. */
  const refused = (result: Refusal, current: SetupFields) => {
    const { certificate } = result.error;
    const server = certificate?.server ? serverOf(current, certificate.server) : null;
    setError({ field: null, message: result.error.message, certificate });
    if (certificate?.pinnable && server) setAsking({ certificate, reason: result.error.message, server });
  };

  /** Both servers as the contract takes them, or null after reporting a port that is not one. */
  const serverInputs = (current: SetupFields, pinned: Pins) => {
    for (const field of ['imapPort', 'smtpPort'] as const) {
      if (parsePort(current[field]) === null) {
        setError({ field, message: `${FIELD_LABELS[field]}: enter a number from 1 to 65535.` });
        return null;
      }
    }
    return {
      imap: { host: current.imapHost, port: parsePort(current.imapPort) ?? 0, security: current.imapSecurity, ...(pinned.imap ? { pinnedFingerprint256: pinned.imap } : {}) },
      smtp: { host: current.smtpHost, port: parsePort(current.smtpPort) ?? 0, security: current.smtpSecurity, ...(pinned.smtp ? { pinnedFingerprint256: pinned.smtp } : {}) },
    };
  };

  /** Reports the first problem the contract's own validator found; true when there was none. */
  const valid = (checked: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }) => {
    if (checked.success) return true;
    const issue = checked.error?.issues[0];
    const field = issue ? fieldOf(issue.path) : null;
    const message = issue?.message ?? 'Some of the information given is not valid.';
    setError({ field, message: field ? `${FIELD_LABELS[field]}: ${message}` : message });
    return false;
  };

  /** Validates with the contract's own validator; reports the first problem and returns null. */
  const check = (current: SetupFields, pinned: Pins) => {
    const servers = serverInputs(current, pinned);
    if (!servers) return null;
    const input = { address: current.address, displayName: current.displayName, password: current.password, ...servers };
    return valid(accountSettingsInput.safeParse(input)) ? input : null;
  };

  return (
    <>
      <AccountSetupForm
        fields={fields}
        onChange={change}
        onSubmit={() => void submit(fields, pins)}
        onFindServers={() => void discover(fields)}
        onCancel={onCancel}
        pending={pending !== null || waiting}
        pendingLabel={pending ?? undefined}
        error={error?.message ?? null}
        invalidField={error?.field ?? null}
        refusedCertificate={error?.certificate ?? null}
        notes={notes}
        pins={pins}
        oauth={
          oauth && {
            providerName: oauth.providerName,
            problem: oauth.problem,
            waiting,
            onStartAgain: () => void signInWithProvider(fields, pins, oauth),
            // The waiting addOAuthAccount then fails with "you stopped the sign-in", shown as any refusal.
            onCancelSignIn: () => void settle(() => api.cancelSignIn({})),
          }
        }
      />
      {asking ? (
        <CertificateTrustDialog
          certificate={asking.certificate}
          reason={asking.reason}
          onCancel={() => setAsking(null)}
          onTrust={() => {
            // Only the server that presented it: the other one is asked about on its own, if it must be.
            const next = { ...pins, [asking.server]: asking.certificate.fingerprint256 };
            setAsking(null);
            setPins(next);
            void submit(fields, next);
          }}
        />
      ) : null}
    </>
  );
}

function serverOf(fields: SetupFields, server: { host: string; port: number }): 'imap' | 'smtp' | null {
  if (fields.imapHost.trim() === server.host && parsePort(fields.imapPort) === server.port) return 'imap';
  if (fields.smtpHost.trim() === server.host && parsePort(fields.smtpPort) === server.port) return 'smtp';
  return null;
}
