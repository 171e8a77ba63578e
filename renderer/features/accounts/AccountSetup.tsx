/**
 * Account setup, connected: checks the form against the contract's own validator, then asks the
 * core to test and save the account. A refusal is shown beside the form and nothing else changes.
 */
import { useEffect, useRef, useState } from 'react';
import type { Account } from '../../../shared/domain';
import { accountSettingsInput } from '../../../shared/inputs';
import { useApi } from '../../api/api-context';
import { AccountSetupForm, type SetupField, type SetupFields } from '../../components/AccountSetupForm';
import { settle } from '../../lib/settle';

const FIELD_LABELS: Record<SetupField, string> = {
  address: 'Email address',
  displayName: 'Display name',
  password: 'Password',
  imapHost: 'IMAP server',
  imapPort: 'IMAP port',
  smtpHost: 'SMTP server',
  smtpPort: 'SMTP port',
};

/** Maps a validator path like ['imap', 'host'] back to the form field. */
function fieldOf(path: readonly PropertyKey[]): SetupField | null {
  const [head, tail] = path;
  if (head === 'imap' || head === 'smtp') return `${head}${tail === 'port' ? 'Port' : 'Host'}`;
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
}

export interface AccountSetupProps {
  onAdded(account: Account): void;
  /** Offered when there is somewhere to go back to. */
  onCancel?: () => void;
}

export function AccountSetup({ onAdded, onCancel }: AccountSetupProps) {
  const api = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<SetupError | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const submit = async (fields: SetupFields) => {
    for (const field of ['imapPort', 'smtpPort'] as const) {
      if (parsePort(fields[field]) === null) {
        setError({ field, message: `${FIELD_LABELS[field]}: enter a number from 1 to 65535.` });
        return;
      }
    }
    const input = {
      address: fields.address,
      displayName: fields.displayName,
      password: fields.password,
      imap: { host: fields.imapHost, port: parsePort(fields.imapPort) ?? 0 },
      smtp: { host: fields.smtpHost, port: parsePort(fields.smtpPort) ?? 0 },
    };
    const checked = accountSettingsInput.safeParse(input);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = issue ? fieldOf(issue.path) : null;
      const message = issue?.message ?? 'Some of the information given is not valid.';
      setError({ field, message: field ? `${FIELD_LABELS[field]}: ${message}` : message });
      return;
    }

    setPending(true);
    setError(null);
    const result = await settle(() => api.addAccount(input));
    if (!mounted.current) return;
    setPending(false);
    if (result.ok) onAdded(result.value);
    else setError({ field: null, message: result.error.message });
  };

  return (
    <AccountSetupForm
      onSubmit={(fields) => void submit(fields)}
      onCancel={onCancel}
      pending={pending}
      error={error?.message ?? null}
      invalidField={error?.field ?? null}
    />
  );
}
