/**
 * Keys for the rows of a virtualised list that let React reuse them. A row keeps its slot while it
 * stays in view; a row scrolling in takes the slot of one that scrolled out. React then updates a
 * few text nodes and attributes of an existing row instead of building one and throwing another
 * away every frame, and that garbage is what made long frames (collector pauses) while scrolling.
 * Slots are the lowest free numbers, so there are never more than the rows on screen.
 */
export class RowSlots {
  private slotOf = new Map<number, number>();

  /** The slot of each index in `indexes` (the rows in view, in any order). */
  assign(indexes: readonly number[]): number[] {
    const next = new Map<number, number>();
    const taken = new Set<number>();
    for (const index of indexes) {
      const slot = this.slotOf.get(index);
      if (slot === undefined) continue;
      next.set(index, slot);
      taken.add(slot);
    }
    let free = 0;
    for (const index of indexes) {
      if (next.has(index)) continue;
      while (taken.has(free)) free++;
      next.set(index, free);
      taken.add(free);
    }
    this.slotOf = next;
    return indexes.map((index) => next.get(index)!);
  }
}
