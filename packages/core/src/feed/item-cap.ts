/** The item cap of every feed format: the newest items are kept, whatever order the feed lists them in. */

/**
 * Keep the newest `maxItems` items (by the time `timeOf` gives; undated ones after dated ones, in document order),
 * each list in document order.
 */
export function keepNewest<T>(items: readonly T[], maxItems: number, timeOf: (item: T) => number | null) {
  if (items.length <= maxItems) return { kept: [...items], dropped: [] as T[] };
  const ranked = items
    .map((item, index) => ({ item, index, time: timeOf(item) }))
    .sort((a, b) => {
      if (a.time !== null && b.time !== null && a.time !== b.time) return b.time - a.time;
      if (a.time === null && b.time !== null) return 1;
      if (b.time === null && a.time !== null) return -1;
      return a.index - b.index;
    });
  const keep = new Set(ranked.slice(0, maxItems).map((entry) => entry.index));
  return {
    kept: items.filter((_, index) => keep.has(index)),
    dropped: items.filter((_, index) => !keep.has(index)),
  };
}
