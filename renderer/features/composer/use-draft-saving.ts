/**
 * Keeps the composer's draft on the server: saved a few seconds after the last change, at once on
 * request (Ctrl+S, Save draft, Close), one save at a time so versions replace each other in order,
 * and removed when the message is sent or discarded. A composer that goes away with unsaved
 * changes (the account switched) saves them on its way out. The status is one quiet line ("Draft
 * saved 10:42"); a refused save (Encrypt on without a certificate of one's own) says why and keeps
 * everything in the composer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftLocation } from '../../../shared/compose-types';
import type { SealmailApi } from '../../../shared/contract';
import { isUntouched, type Draft, type RecipientKind } from '../../components/ComposerForm';
import { parseRecipients } from '../../lib/recipients';
import { settle } from '../../lib/settle';

/** How long after the last change a draft is saved by itself. */
export const AUTOSAVE_MS = 3000;

export interface DraftSaving {
  /** The quiet status line: when the draft was last saved, or why it was not. */
  status: string | null;
  saving: boolean;
  /**
   * Saves now if anything changed since the last save; the reason in words when it failed, else
   * null. `explicit`: the caller shows the reason itself, so the status line stays short.
   */
  saveNow(explicit?: boolean): Promise<string | null>;
  /** Whether there is something to save: content that the server does not hold yet. */
  unsaved(): boolean;
  /** Whether a version is stored, or being stored, on the server. */
  stored(): boolean;
  /** Waits for saves in flight, then deletes the stored copy; the reason in words when that failed. */
  removeStored(): Promise<string | null>;
  /** The message was sent or discarded: nothing more is saved, not even on the way out. */
  finish(): void;
  /** Saving again after all (discarding it failed, the user keeps writing). */
  resume(): void;
}

export interface DraftSavingOptions {
  api: SealmailApi;
  accountId: string;
  draft: Draft;
  /** The stored version the composer started from (a reopened draft). */
  initialRef: DraftLocation | null;
  /** No autosave while sending. */
  paused: boolean;
}

const KINDS: RecipientKind[] = ['to', 'cc', 'bcc'];

/** The addresses of a field, chips first, then whatever typed text already is an address. */
function addressesOf(draft: Draft, kind: RecipientKind): string[] {
  const merged = [...draft[kind]];
  for (const address of parseRecipients(draft.typed[kind]).addresses) if (!merged.some((a) => a.toLowerCase() === address.toLowerCase())) merged.push(address);
  return merged;
}

function savedAtLabel(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function useDraftSaving({ api, accountId, draft, initialRef, paused }: DraftSavingOptions): DraftSaving {
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ref = useRef<DraftLocation | null>(initialRef);
  const latest = useRef(draft);
  latest.current = draft;
  // Every change bumps the version; a reopened draft starts as saved, anything else as not.
  const version = useRef(0);
  const savedVersion = useRef(initialRef ? 0 : -1);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inFlight = useRef(0);
  const mounted = useRef(true);
  const firstRender = useRef(true);
  const finished = useRef(false);

  const unsaved = useCallback(() => !finished.current && version.current > savedVersion.current && (!isUntouched(latest.current) || ref.current !== null), []);

  const saveOnce = useCallback(async (explicit: boolean): Promise<string | null> => {
    if (!unsaved()) return null;
    const at = version.current;
    const d = latest.current;
    if (mounted.current) setSaving(true);
    const [to, cc, bcc] = KINDS.map((kind) => addressesOf(d, kind)) as [string[], string[], string[]];
    const result = await settle(() =>
      api.saveDraft({
        accountId,
        to,
        cc,
        bcc,
        subject: d.subject,
        text: d.text,
        attachments: d.attachments.map(({ filename, contentType, base64 }) => ({ filename, contentType, base64 })),
        inReplyTo: d.inReplyTo,
        references: d.references,
        sign: d.sign,
        encrypt: d.encrypt,
        originalEncrypted: d.originalEncrypted,
        askedForCertificates: d.askedForCertificates,
        replaces: ref.current,
      }),
    );
    if (result.ok) {
      ref.current = result.value.ref;
      savedVersion.current = Math.max(savedVersion.current, at);
    }
    if (mounted.current) {
      setSaving(false);
      setStatus(result.ok ? `Draft saved ${savedAtLabel(result.value.savedAt)}` : explicit ? 'Draft not saved.' : `Draft not saved: ${result.error.message}`);
    }
    return result.ok ? null : result.error.message;
  }, [api, accountId, unsaved]);

  const saveNow = useCallback((explicit = false): Promise<string | null> => {
    inFlight.current++;
    const next = queue.current.then(() => saveOnce(explicit)).finally(() => {
      inFlight.current--;
    });
    queue.current = next.catch(() => null);
    return next;
  }, [saveOnce]);

  const stored = useCallback(() => ref.current !== null || inFlight.current > 0, []);

  // Leaving with unsaved changes (not Close, not Send, not Discard): they are saved on the way out.
  const saveOnLeave = useRef(saveNow);
  saveOnLeave.current = saveNow;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (unsaved() && version.current > 0) void saveOnLeave.current();
    };
  }, [unsaved]);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    version.current++;
  }, [draft]);

  useEffect(() => {
    // Only changes start an autosave: a reply left as it was prepared is saved on Close, not by itself.
    if (paused || version.current === 0 || !unsaved()) return;
    const timer = window.setTimeout(() => void saveNow(), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, paused, saveNow, unsaved]);

  const removeStored = useCallback(async (): Promise<string | null> => {
    await queue.current;
    const stored = ref.current;
    if (!stored) return null;
    const result = await settle(() => api.deleteDraft({ accountId, draft: stored }));
    if (!result.ok) return result.error.message;
    ref.current = null;
    return null;
  }, [api, accountId]);

  const finish = useCallback(() => {
    finished.current = true;
  }, []);
  const resume = useCallback(() => {
    finished.current = false;
  }, []);

  return { status, saving, saveNow, unsaved, stored, removeStored, finish, resume };
}
