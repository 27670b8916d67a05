/**
 * The framing spread of a body of coverage: for each outlet (a story's source), how many of its stories carry
 * each framing label. Used per event by the timeline and over a time window by the storyline page.
 */

export interface OutletFraming {
  /** The outlet: the story's source (feed title or domain). */
  source: string;
  /** Stories of this outlet in the coverage (framed or not). */
  stories: number;
  /** Framing label -> number of this outlet's stories with it. */
  labels: Record<string, number>;
}

export interface FramingSpread {
  /** Framing label -> number of stories with it, over all outlets. */
  labels: Record<string, number>;
  /** Outlets with the most stories first (then by name). */
  outlets: OutletFraming[];
}

export interface FramedStory {
  source: string;
  /** The story's framing label, or null when it was not framed. */
  label: string | null;
}

export function framingSpread(stories: Iterable<FramedStory>): FramingSpread {
  const labels: Record<string, number> = {};
  const outlets = new Map<string, OutletFraming>();
  for (const { source, label } of stories) {
    const name = source.trim() || "unknown";
    let outlet = outlets.get(name);
    if (!outlet) {
      outlet = { source: name, stories: 0, labels: {} };
      outlets.set(name, outlet);
    }
    outlet.stories += 1;
    if (label) {
      outlet.labels[label] = (outlet.labels[label] ?? 0) + 1;
      labels[label] = (labels[label] ?? 0) + 1;
    }
  }
  const sorted = [...outlets.values()].sort((a, b) => b.stories - a.stories || a.source.localeCompare(b.source));
  return { labels, outlets: sorted };
}
