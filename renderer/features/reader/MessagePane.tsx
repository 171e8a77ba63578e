/**
 * Opens the selected message through the core and shows it; failures are shown in words. Also the
 * reader's actions: replies prepared by the core, attachments saved through a download, and remote
 * content loaded when the user allows it (or always allowed for the sender).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PreparedDraft, ReplyMode } from '../../../shared/compose-types';
import type { MessageView } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { MessageReader } from '../../components/MessageReader';
import { EmptyState, ErrorAlert, Spinner } from '../../components/Notices';
import type { RemoteState } from '../../components/RemoteContentBar';
import { saveBytes } from '../../lib/files';
import { settle } from '../../lib/settle';

/** What the window can ask of the open message (keyboard shortcuts use these). */
export interface ReaderCommands {
  reply(mode: ReplyMode): void;
  focus(): void;
}

export interface MessagePaneProps {
  accountId: string;
  folder: string;
  uid: number | null;
  onOpened?: (message: MessageView) => void;
  /** A reply or forward the core prepared, for the composer. */
  onReply?: (mode: ReplyMode, draft: PreparedDraft) => void;
  /** Commands for the open message, or null when none is open. */
  onCommands?: (commands: ReaderCommands | null) => void;
}

type PaneState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; message: MessageView };

export function MessagePane({ accountId, folder, uid, onOpened, onReply, onCommands }: MessagePaneProps) {
  const api = useApi();
  const [state, setState] = useState<PaneState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const [remote, setRemote] = useState<RemoteState>({ status: 'blocked' });
  const [loadedHtml, setLoadedHtml] = useState<string | null>(null);
  const [replying, setReplying] = useState<ReplyMode | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [saving, setSaving] = useState<ReadonlySet<number>>(new Set());
  const shownRef = useRef<'text' | 'html'>('text');
  // Notifications only: a new function identity must not reopen the message.
  const opened = useRef(onOpened);
  opened.current = onOpened;
  const replyTo = useRef(onReply);
  replyTo.current = onReply;

  useEffect(() => {
    setRemote({ status: 'blocked' });
    setLoadedHtml(null);
    setActionError(null);
    setSaving(new Set());
    if (uid === null) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    void settle(() => api.openMessage({ accountId, folder, uid })).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setState({ status: 'error', message: result.error.message });
        return;
      }
      const message = result.value;
      setState({ status: 'ready', message });
      opened.current?.(message);
      if (message.remoteContentBlocked && message.remoteContentAllowed !== false && message.parseError === null) {
        // Senders the user always allows: the core checks its list and loads, or answers "not allowed".
        void settle(() => api.loadRemoteContent({ accountId, folder, uid, when: 'senderAllowed' })).then((loaded) => {
          if (!live || !loaded.ok || !loaded.value.loaded) return;
          setLoadedHtml(loaded.value.html);
          setRemote({ status: 'loaded', failed: loaded.value.failed });
        });
      }
    });
    return () => {
      live = false;
    };
  }, [api, accountId, folder, uid, attempt]);

  const message = state.status === 'ready' ? state.message : null;

  const loadRemote = useCallback(
    async (always: boolean) => {
      if (!message) return;
      setRemote({ status: 'loading' });
      if (always && message.from) {
        const saved = await settle(() => api.allowRemoteContentFrom({ address: message.from!.address }));
        if (!saved.ok) {
          setRemote({ status: 'failed', message: saved.error.message });
          return;
        }
      }
      const loaded = await settle(() => api.loadRemoteContent({ accountId, folder, uid: message.uid, when: 'now' }));
      if (!loaded.ok) setRemote({ status: 'failed', message: loaded.error.message });
      else if (!loaded.value.loaded) setRemote({ status: 'failed', message: loaded.value.reason ?? 'Nothing could be loaded.' });
      else {
        setLoadedHtml(loaded.value.html);
        setRemote({ status: 'loaded', failed: loaded.value.failed });
      }
    },
    [api, accountId, folder, message],
  );

  const reply = useCallback(
    async (mode: ReplyMode, shown: 'text' | 'html') => {
      if (!message || replying) return;
      setReplying(mode);
      setActionError(null);
      const result = await settle(() => api.prepareReply({ accountId, folder, uid: message.uid, mode, shown }));
      setReplying(null);
      if (result.ok) replyTo.current?.(mode, result.value);
      else setActionError(result.error.message);
    },
    [api, accountId, folder, message, replying],
  );

  const save = useCallback(
    async (index: number) => {
      if (!message) return;
      setSaving((old) => new Set(old).add(index));
      setActionError(null);
      const result = await settle(() => api.getAttachment({ accountId, folder, uid: message.uid, index }));
      setSaving((old) => {
        const next = new Set(old);
        next.delete(index);
        return next;
      });
      if (result.ok) saveBytes(result.value.filename, result.value.base64);
      else setActionError(result.error.message);
    },
    [api, accountId, folder, message],
  );

  const article = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!onCommands) return;
    if (!message) {
      onCommands(null);
      return;
    }
    onCommands({
      reply: (mode) => void reply(mode, shownRef.current),
      focus: () => article.current?.querySelector<HTMLElement>('article')?.focus(),
    });
    return () => onCommands(null);
  }, [onCommands, message, reply]);

  switch (state.status) {
    case 'idle':
      return <EmptyState title="No message selected">Choose a message from the list to read it.</EmptyState>;
    case 'loading':
      return <Spinner label="Opening message…" />;
    case 'error':
      return (
        <div className="pane-error pane-error-centered">
          <ErrorAlert message={state.message} />
          <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      );
    case 'ready':
      return (
        <div className="reader-pane" ref={article}>
          <ErrorAlert message={actionError} className="reader-action-error" />
          <MessageReader
            key={`${state.message.folder}:${state.message.uid}`}
            message={state.message}
            loadedHtml={loadedHtml}
            remote={remote}
            onLoadRemote={() => void loadRemote(false)}
            onAlwaysAllowRemote={() => void loadRemote(true)}
            onReply={(mode, shown) => void reply(mode, shown)}
            onShownChange={(shown) => {
              shownRef.current = shown;
            }}
            replying={replying}
            onSaveAttachment={(index) => void save(index)}
            savingAttachments={saving}
          />
        </div>
      );
  }
}
