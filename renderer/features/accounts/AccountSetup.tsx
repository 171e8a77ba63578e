/**
 * Account setup, connected. Starts from an address and a password: when no servers are given it asks
 * the core to find them (never proposing plaintext), then has the core test and save the account.
 * A certificate no authority vouches for is shown in full, and pinned only if the person says so in
 * an explicit dialog; a refusal is shown beside the form and nothing else changes.
 */
import { useEffect, useRef, useState } from 'react';
import type { Account } from '../../../shared/domain';
import type { CertificateSummary } from '../../../shared/errors';
import { accountSettingsInput, emailAddress } from '../../../shared/inputs';
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
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

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

  const submit = async (given: SetupFields, pinned: Pins) => {
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
    if (result.ok) {
      onAdded(result.value);
      return;
    }
    const { certificate } = result.error;
    const server = certificate?.server ? serverOf(current, certificate.server) : null;
    setError({ field: null, message: result.error.message, certificate });
    if (certificate?.pinnable && server) setAsking({ certificate, reason: result.error.message, server });
  };

  /** Validates with the contract's own validator; reports the first problem and returns null. */
  const check = (current: SetupFields, pinned: Pins) => {
    for (const field of ['imapPort', 'smtpPort'] as const) {
      if (parsePort(current[field]) === null) {
        setError({ field, message: `${FIELD_LABELS[field]}: enter a number from 1 to 65535.` });
        return null;
      }
    }
    const input = {
      address: current.address,
      displayName: current.displayName,
      password: current.password,
      imap: { host: current.imapHost, port: parsePort(current.imapPort) ?? 0, security: current.imapSecurity, ...(pinned.imap ? { pinnedFingerprint256: pinned.imap } : {}) },
      smtp: { host: current.smtpHost, port: parsePort(current.smtpPort) ?? 0, security: current.smtpSecurity, ...(pinned.smtp ? { pinnedFingerprint256: pinned.smtp } : {}) },
    };
    const checked = accountSettingsInput.safeParse(input);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = issue ? fieldOf(issue.path) : null;
      const message = issue?.message ?? 'Some of the information given is not valid.';
      setError({ field, message: field ? `${FIELD_LABELS[field]}: ${message}` : message });
      return null;
    }
    return input;
  };

  return (
    <>
      <AccountSetupForm
        fields={fields}
        onChange={change}
        onSubmit={() => void submit(fields, pins)}
        onFindServers={() => void discover(fields)}
        onCancel={onCancel}
        pending={pending !== null}
        pendingLabel={pending ?? undefined}
        error={error?.message ?? null}
        invalidField={error?.field ?? null}
        refusedCertificate={error?.certificate ?? null}
        notes={notes}
        pins={pins}
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
