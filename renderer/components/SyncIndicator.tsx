/**
 * A small line under the folders: sync progress of the open folder, or why it failed. A first sync
 * reports progress dozens of times a second while the user scrolls the list beside it, so the bar
 * is a fill scaled on the compositor (a transform, no layout), not a <progress> whose value bar is
 * laid out again, with the whole window, at every step and every frame of its animation.
 */
export interface SyncIndicatorProps {
  progress: { done: number; total: number } | null;
  error: string | null;
}

export function SyncIndicator({ progress, error }: SyncIndicatorProps) {
  if (error) {
    return (
      <div className="sync sync-error" role="alert">
        Sync failed: {error}
      </div>
    );
  }
  if (!progress || progress.total <= 0 || progress.done >= progress.total) return null;
  const done = Math.max(0, Math.min(progress.done, progress.total));
  return (
    <div className="sync">
      <div className="sync-bar" role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={done}>
        <div className="sync-bar-fill" style={{ transform: `scaleX(${done / progress.total})` }} />
      </div>
      <span className="sync-text">
        Syncing… {done} of {progress.total}
      </span>
    </div>
  );
}
