/**
 * The composer, connected: checks the recipients, sends through the core, and closes only when the
 * core says the message went out. On failure the draft stays as typed and the reason is shown.
 */
import { useEffect, useRef, useState } from 'react';
import type { Account, SentMessage } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ComposerForm, type Draft } from '../../components/ComposerForm';
import { formatAddress } from '../../lib/format';
import { parseRecipients } from '../../lib/recipients';
import { settle } from '../../lib/settle';

export interface ComposerPanelProps {
  account: Account;
  onSent(sent: SentMessage): void;
  onClose(): void;
}

export function ComposerPanel({ account, onSent, onClose }: ComposerPanelProps) {
  const api = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = async (draft: Draft) => {
    const { addresses, invalid } = parseRecipients(draft.to);
    if (invalid.length > 0) {
      setError(`“${invalid[0]}” is not an e-mail address. Separate addresses with commas.`);
      return;
    }
    if (addresses.length === 0) {
      setError('Add at least one recipient.');
      return;
    }
    setPending(true);
    setError(null);
    const result = await settle(() =>
      api.sendMessage({ accountId: account.id, to: addresses, subject: draft.subject, text: draft.text }),
    );
    if (!mounted.current) return;
    setPending(false);
    if (result.ok) onSent(result.value);
    else setError(result.error.message);
  };

  return (
    <ComposerForm
      from={formatAddress({ name: account.displayName, address: account.address })}
      pending={pending}
      error={error}
      onSend={(draft) => void send(draft)}
      onDiscard={onClose}
    />
  );
}
