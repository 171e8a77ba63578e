/**
 * The check of every page of the store that a start does not wait for (open-database.ts reads the
 * header and schema only). It runs on a thread once the app has settled, beside whatever the user
 * does; a damaged file is marked so that the next start sets it aside and rebuilds it, and the
 * user is told now, once. Mail itself stays on the server, and queued changes in their own file.
 */
import { markDamaged } from './open-database';
import { checkStoreOnThread } from './worker-batch-writer';

/** Long enough for the first page, the first sync's start and the rest of the core to load first. */
export const CHECK_AFTER_START_MS = 5000;

export interface IntegrityCheck {
  /** Resolves with the finding once the check ran ('ok' for a sound file), null when it did not run. */
  readonly done: Promise<string | null>;
  cancel(): void;
}

export function checkAfterStart(file: string | null, onDamage: (finding: string) => void, delayMs = CHECK_AFTER_START_MS): IntegrityCheck {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let settle!: (finding: string | null) => void;
  const done = new Promise<string | null>((resolve) => (settle = resolve));
  if (file === null) settle(null);
  else {
    timer = setTimeout(() => {
      timer = null;
      checkStoreOnThread(file)
        .then((finding) => {
          if (finding !== null && finding !== 'ok') {
            markDamaged(file, finding);
            onDamage(finding);
          }
          settle(finding);
        })
        .catch(() => settle(null));
    }, delayMs);
    timer.unref?.();
  }
  return {
    done,
    cancel() {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      settle(null);
    },
  };
}
