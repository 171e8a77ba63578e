/**
 * What the flat and the grouped message list share: virtualisation above a size (@tanstack/react-virtual,
 * fixed row heights), rows keyed by slot so scrolling reuses them (RowSlots) and left in slot order
 * in the document while it scrolls, the selected row kept in view, the next page asked for near the
 * end, and date labels formatted once per list and day. Both lists scroll 100,000 rows with this; a
 * change here is a change to both.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { formatListDate } from '../lib/format';
import { RowSlots } from './row-slots';

/** How close to the end of the loaded rows scrolling asks for more. */
const END_MARGIN = 40;
/** Date labels kept while scrolling: a few screens' worth. */
const DATE_LABELS_KEPT = 500;

export interface VirtualRowsOptions {
  count: number;
  rowHeight: number;
  /** Above this many rows only those in view exist in the DOM. */
  virtualiseAbove: number;
  /**
   * How many rows the whole list will have once every page is loaded, when known. A list that will
   * pass `virtualiseAbove` is virtualised from its first page, rather than drawing every row of the
   * first pages (as a first sync stores them) and switching over when one more page arrives.
   */
  eventualCount?: number;
  /** The selected row's index (-1 for none) and its element's id: scrolled into view when it changes. */
  selectedIndex: number;
  selectedId: string | null;
  onEndReached?: () => void;
  loadingMore: boolean;
  /** Told when a virtualised list starts and stops scrolling (its rows are then at rest). */
  onScrollingChange?: (scrolling: boolean) => void;
}

export function useVirtualRows({ count, rowHeight, virtualiseAbove, eventualCount = 0, selectedIndex, selectedId, onEndReached, loadingMore, onScrollingChange }: VirtualRowsOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = Math.max(count, eventualCount) > virtualiseAbove;
  const scrollingTold = useRef({ scrolling: false, onScrollingChange });
  scrollingTold.current.onScrollingChange = onScrollingChange;
  const virtualizer = useVirtualizer({
    count: virtual ? count : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 3,
    // Rows to paint before the pane is measured (and where nothing can be measured, as in tests).
    initialRect: { width: 0, height: 800 },
    onChange: (instance) => {
      const told = scrollingTold.current;
      if (instance.isScrolling === told.scrolling) return;
      told.scrolling = instance.isScrolling;
      told.onScrollingChange?.(instance.isScrolling);
    },
  });
  // A list that goes away (or stops being virtualised) mid-scroll is at rest from then on.
  useEffect(() => {
    if (!virtual) return;
    const told = scrollingTold.current;
    return () => {
      if (!told.scrolling) return;
      told.scrolling = false;
      told.onScrollingChange?.(false);
    };
  }, [virtual]);
  const items = virtual ? virtualizer.getVirtualItems() : [];
  // Virtual rows are keyed by slot, not by what they show, so a row scrolled out is reused for one scrolled in.
  const rowSlots = useRef<RowSlots>(null);
  rowSlots.current ??= new RowSlots();
  const slots = virtual ? rowSlots.current.assign(items.map((item) => item.index)) : [];
  const lastShown = items.length > 0 ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (selectedIndex < 0) return;
    // Virtualised, the row may not exist yet: the virtualizer scrolls to its place.
    if (virtual) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    else if (selectedId !== null) document.getElementById(selectedId)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedIndex, selectedId, virtual, virtualizer]);

  useEffect(() => {
    if (virtual && onEndReached && !loadingMore && lastShown >= count - END_MARGIN) onEndReached();
  }, [virtual, onEndReached, loadingMore, lastShown, count]);

  // While the list scrolls, a reused row stays where it is in the document and only changes what it
  // shows. Moving it to its place in document order (the rows that scroll out at the top are the ones
  // reused at the bottom) is a removal and an insertion to Blink, which then builds the row's layout
  // again: for every row scrolling in, on every frame. At rest the rows are put back in document
  // order, which is the reading order of assistive technology; rows are placed by transform either way.
  if (virtual && virtualizer.isScrolling) {
    const bySlot = slots.map((_, i) => i).sort((a, b) => slots[a]! - slots[b]!);
    return { scrollRef, virtual, virtualizer, items: bySlot.map((i) => items[i]!), slots: bySlot.map((i) => slots[i]!) };
  }
  return { scrollRef, virtual, virtualizer, items, slots };
}

/**
 * The list's date label for an ISO date. While scrolling, the same few hundred dates come back
 * again and again, so each is formatted once per list and day; the cache is bounded, because one
 * that grew with every row ever scrolled past would only feed the garbage collector. It is keyed by
 * the minute, a number, not by the message's date string: a string hashed as a Map key stays costly
 * to the collector for as long as it lives (see conversationKey), and the summaries live as long as
 * the folder is open. No label shows anything finer than the minute; an unparseable date is NaN,
 * and all of them share the empty label.
 */
export function useListDateLabel(now: Date | undefined): (iso: string) => string {
  const today = now ?? new Date();
  const day = today.toDateString();
  const labels = useMemo(() => new Map<number, string>(), [day]);
  return (iso: string) => {
    const minute = Math.floor(Date.parse(iso) / 60_000);
    let label = labels.get(minute);
    if (label === undefined) {
      label = formatListDate(iso, today);
      if (labels.size >= DATE_LABELS_KEPT) labels.clear();
      labels.set(minute, label);
    }
    return label;
  };
}

/**
 * Where a virtualised row sits; none when every row is rendered in flow. Rows take their offset as a
 * number, so one that stays in view keeps equal props and is not re-rendered.
 */
export function virtualRowStyle(top: number | undefined, rowHeight: number): CSSProperties | undefined {
  return top === undefined ? undefined : { transform: `translateY(${top}px)`, height: rowHeight };
}
