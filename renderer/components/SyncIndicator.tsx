/** A small line under the folders: sync progress of the open folder, or why it failed. */
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
      <progress className="sync-bar" aria-label="Sync progress" max={progress.total} value={done} />
      <span className="sync-text">
        Syncing… {done} of {progress.total}
      </span>
    </div>
  );
}
