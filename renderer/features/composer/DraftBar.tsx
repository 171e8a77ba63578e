/**
 * Above a message of the Drafts folder: "Continue editing" reopens it in the composer, decrypted
 * when it is encrypted to the user, with Sign and Encrypt as they were left.
 */
import { useState } from 'react';
import type { Folder } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { Icon } from '../../components/Icon';
import { ErrorAlert } from '../../components/Notices';
import { folderKind } from '../../lib/folders';
import { settle } from '../../lib/settle';
import { startFromOpened, type ComposerStart } from './ComposerPanel';

/** The account's Drafts folder: by special use, or by name where the server marks none. */
export function isDraftsFolder(folder: Pick<Folder, 'path' | 'name' | 'specialUse'>): boolean {
  return folderKind(folder) === 'drafts' || /^drafts$/i.test(folder.name);
}

export interface DraftBarProps {
  accountId: string;
  folder: string;
  uid: number;
  onContinue(start: ComposerStart): void;
}

export function DraftBar({ accountId, folder, uid, onContinue }: DraftBarProps) {
  const api = useApi();
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = async () => {
    setOpening(true);
    setError(null);
    const result = await settle(() => api.openDraft({ accountId, folder, uid }));
    setOpening(false);
    if (result.ok) onContinue(startFromOpened(result.value));
    else setError(result.error.message);
  };

  return (
    <div className="draft-bar" role="region" aria-label="Draft">
      <div className="draft-bar-line">
        <Icon name="compose" />
        <span>This is a draft.</span>
        <button type="button" className="button button-small button-primary" onClick={() => void open()} disabled={opening} aria-busy={opening}>
          {opening ? 'Opening…' : 'Continue editing'}
        </button>
      </div>
      <ErrorAlert message={error} />
    </div>
  );
}
