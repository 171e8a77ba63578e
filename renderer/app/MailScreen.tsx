/**
 * The mail window: folders, messages and the open message side by side, the composer over them.
 * Holds only what links the panes (which folder, which message); each pane loads its own data.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Account, Folder, MessageSummary } from '../../shared/domain';
import { Icon } from '../components/Icon';
import { PaneSplitter } from '../components/PaneSplitter';
import { Toast } from '../components/Toast';
import { CertificateManager } from '../features/certificates/CertificateManager';
import { ComposerPanel, startFromPrepared, type ComposerStart } from '../features/composer/ComposerPanel';
import { useComposeRequests } from '../features/composer/use-compose-requests';
import { DraftBar, isDraftsFolder } from '../features/composer/DraftBar';
import { FolderPane } from '../features/folders/FolderPane';
import { MessageListPane } from '../features/messages/MessageListPane';
import { MessagePane, type ReaderCommands } from '../features/reader/MessagePane';
import { useShortcut, useShowShortcutHelp } from '../features/shortcuts/ShortcutsProvider';
import { ConnectionSecurity } from '../features/posture/ConnectionSecurity';
import { useMenuCommands } from '../features/shortcuts/use-menu-commands';
import { SyncStatus } from '../features/sync/SyncStatus';
import { folderLabel } from '../lib/folders';
import { PANE_LIMITS, usePaneWidths } from '../lib/use-pane-widths';
import { ErrorBoundary } from './ErrorBoundary';

const TOAST_MS = 4000;

export interface MailScreenProps {
  account: Account;
  accounts: readonly Account[];
  onSwitchAccount(accountId: string): void;
  onAddAccount(): void;
}

interface OpenFolder {
  path: string;
  title: string;
  /** The Drafts folder: its messages can be continued in the composer. */
  drafts?: boolean;
}

function initials(account: Account): string {
  const source = account.displayName.trim() || account.address;
  const letters = source
    .split(/[\s@._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

export function MailScreen({ account, accounts, onSwitchAccount, onAddAccount }: MailScreenProps) {
  const [folder, setFolder] = useState<OpenFolder | null>(null);
  /** The chosen message, remembered with its folder so switching folders drops it. */
  const [chosen, setChosen] = useState<{ folder: string; message: MessageSummary } | null>(null);
  const selected = folder && chosen?.folder === folder.path ? chosen.message : null;
  const [folderRefresh, setFolderRefresh] = useState(0);
  const [composing, setComposing] = useState<ComposerStart | null>(null);
  const [reader, setReader] = useState<ReaderCommands | null>(null);
  const [widths, setWidth] = usePaneWidths();
  const showShortcuts = useShowShortcutHelp();
  const [toast, setToast] = useState<string | null>(null);
  const [certificatesOpen, setCertificatesOpen] = useState(false);

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);

  // One composer at a time: a second request never replaces what is being written.
  const openComposer = useCallback(() => setComposing((open) => open ?? { title: 'New message', draft: {} }), []);
  useShortcut('compose', openComposer, composing === null);
  useShortcut('reply', () => reader?.reply('reply'), reader !== null && composing === null);
  useShortcut('replyAll', () => reader?.reply('replyAll'), reader !== null && composing === null);
  useShortcut('forward', () => reader?.reply('forward'), reader !== null && composing === null);
  useShortcut('open', () => reader?.focus(), reader !== null && composing === null);
  // The desktop shell: a mailto: link handed to Sealmail, and the application menu's commands.
  // Neither replaces a draft already being written.
  useComposeRequests(useCallback((start: ComposerStart) => setComposing((open) => open ?? start), []));
  useMenuCommands({
    newMessage: composing === null ? openComposer : null,
    reply: reader && composing === null ? () => reader.reply('reply') : null,
    replyAll: reader && composing === null ? () => reader.reply('replyAll') : null,
    forward: reader && composing === null ? () => reader.reply('forward') : null,
  });

  const selectFolder = useCallback((next: Folder) => {
    const title = folderLabel(next);
    setFolder((old) => (old?.path === next.path && old.title === title ? old : { path: next.path, title, drafts: isDraftsFolder(next) }));
  }, []);

  const selectMessage = useCallback(
    (message: MessageSummary) => {
      if (folder) setChosen({ folder: folder.path, message });
    },
    [folder],
  );

  const onOpened = useCallback(() => {
    // The server marks a message read when it is opened; refresh the unread counts.
    if (selected && !selected.seen) setFolderRefresh((n) => n + 1);
  }, [selected]);

  return (
    <div className="mail-screen" style={{ gridTemplateColumns: `${widths.folders}px ${widths.list}px minmax(0, 1fr)` }}>
      <PaneSplitter label="Folder pane width" value={widths.folders} {...PANE_LIMITS.folders} left={widths.folders} onChange={(w) => setWidth('folders', w)} />
      <PaneSplitter label="Message list width" value={widths.list} {...PANE_LIMITS.list} left={widths.folders + widths.list} onChange={(w) => setWidth('list', w)} />
      <nav className="pane pane-folders" aria-label="Folders">
        <div className="sidebar-header">
          <span className="brand">
            <span className="brand-mark brand-mark-small">
              <Icon name="lock" />
            </span>
            Sealmail
          </span>
        </div>
        <div className="sidebar-compose">
          <button type="button" className="button button-primary compose-button" onClick={openComposer} aria-keyshortcuts="c Control+n" title="Compose (C)">
            <Icon name="compose" />
            Compose
          </button>
        </div>
        <div className="sidebar-folders">
          <ErrorBoundary label="The folder list">
            <FolderPane accountId={account.id} selectedPath={folder?.path ?? null} onSelect={selectFolder} refreshKey={folderRefresh} />
          </ErrorBoundary>
        </div>
        <div className="sidebar-footer">
          {folder ? <SyncStatus accountId={account.id} folder={folder.path} /> : null}
          <div className="account-chip">
            <span className="avatar" aria-hidden="true">
              {initials(account)}
            </span>
            {accounts.length > 1 ? (
              <select
                className="account-select"
                aria-label="Account"
                value={account.id}
                onChange={(event) => onSwitchAccount(event.target.value)}
              >
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.address}
                  </option>
                ))}
              </select>
            ) : (
              <span className="account-text">
                {account.displayName.trim() ? <span className="account-name">{account.displayName}</span> : null}
                <span className="account-address">{account.address}</span>
              </span>
            )}
          </div>
          <button type="button" className="button button-quiet button-small add-account" onClick={onAddAccount}>
            <Icon name="plus" />
            Add account
          </button>
          <ConnectionSecurity key={account.id} account={account} onOpenCertificates={() => setCertificatesOpen(true)} />
          <button type="button" className="button button-quiet button-small" onClick={() => setCertificatesOpen(true)}>
            <Icon name="shield" />
            Certificates
          </button>
          <button type="button" className="button button-quiet button-small add-account" onClick={showShortcuts} aria-keyshortcuts="?">
            <Icon name="keyboard" />
            Keyboard shortcuts
          </button>
        </div>
      </nav>

      <section className="pane pane-list" aria-label="Messages">
        {folder ? (
          <ErrorBoundary label="The message list" resetKey={folder.path}>
            <MessageListPane
              accountId={account.id}
              folder={folder.path}
              folderTitle={folder.title}
              selectedUid={selected?.uid ?? null}
              onSelect={selectMessage}
            />
          </ErrorBoundary>
        ) : null}
      </section>

      <section className="pane pane-reader" aria-label="Message">
        {folder?.drafts && selected ? (
          <DraftBar
            key={`${folder.path}:${selected.uid}`}
            accountId={account.id}
            folder={folder.path}
            uid={selected.uid}
            onContinue={(start) => {
              if (composing) setToast('Send or discard the message you are writing first.');
              else setComposing(start);
            }}
          />
        ) : null}
        {folder ? (
          <ErrorBoundary label="The message view" resetKey={`${folder.path}:${selected?.uid ?? ''}`}>
            <MessagePane
              accountId={account.id}
              folder={folder.path}
              uid={selected?.uid ?? null}
              onOpened={onOpened}
              onReply={(mode, prepared) => {
                if (composing) setToast('Send or discard the message you are writing first.');
                else setComposing(startFromPrepared(mode, prepared));
              }}
              onCommands={setReader}
            />
          </ErrorBoundary>
        ) : null}
      </section>

      {composing ? (
        <ComposerPanel
          account={account}
          start={composing}
          onClose={() => setComposing(null)}
          onOpenCertificates={() => setCertificatesOpen(true)}
          onSent={() => {
            setComposing(null);
            setToast('Message sent');
          }}
        />
      ) : null}
      {certificatesOpen ? <CertificateManager account={account} onClose={() => setCertificatesOpen(false)} /> : null}
      <Toast message={toast} />
    </div>
  );
}
