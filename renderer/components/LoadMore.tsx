/** The button under a list that loads its next page, for those who do not scroll to the end. */
export function LoadMore({ onLoadMore, loadingMore }: { onLoadMore: (() => void) | undefined; loadingMore: boolean }) {
  if (!onLoadMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="button" onClick={onLoadMore} disabled={loadingMore} aria-busy={loadingMore}>
        {loadingMore ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}
