/**
 * Marks sentences in a paragraph: the evidence sentences of storyline scores and the novel sentences of an update.
 * Splits the paragraph into plain and marked segments; the renderer escapes each segment, so nothing here builds
 * markup. A sentence is found by exact text, else with whitespace runs treated as one space.
 */

export type MarkKind = "evidence" | "novel";

export interface SentenceMark {
  sentence: string;
  kind: MarkKind;
  /** Why it is marked, e.g. 'ceasefire: "ceasefire talks"'; shown as the mark's title. */
  note: string;
}

export interface Segment {
  text: string;
  kinds: MarkKind[];
  notes: string[];
}

interface Range {
  start: number;
  end: number;
  mark: SentenceMark;
}

/** Where `needle` occurs in `haystack`, matching any run of whitespace in either as one space. */
function occurrences(haystack: string, needle: string): [number, number][] {
  const wanted = needle.trim();
  if (wanted.length === 0) return [];
  const found: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(wanted, from);
    if (at < 0) break;
    found.push([at, at + wanted.length]);
    from = at + wanted.length;
  }
  if (found.length > 0 || !/\s/.test(wanted)) return found;
  const escaped = wanted.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  for (const m of haystack.matchAll(new RegExp(escaped.join("\\s+"), "g"))) {
    found.push([m.index, m.index + m[0].length]);
  }
  return found;
}

export function highlight(paragraph: string, marks: readonly SentenceMark[]): Segment[] {
  const ranges: Range[] = marks.flatMap((mark) =>
    occurrences(paragraph, mark.sentence).map(([start, end]) => ({ start, end, mark })),
  );
  if (ranges.length === 0) return paragraph ? [{ text: paragraph, kinds: [], notes: [] }] : [];
  // Cut the paragraph at every range boundary; each piece carries the marks that cover it.
  const cuts = [...new Set([0, paragraph.length, ...ranges.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    const covering = ranges.filter((r) => r.start <= start && r.end >= end);
    const kinds = [...new Set(covering.map((r) => r.mark.kind))].sort();
    const notes = [...new Set(covering.map((r) => r.mark.note))];
    const last = segments[segments.length - 1];
    if (last && last.kinds.join() === kinds.join() && last.notes.join("\n") === notes.join("\n")) {
      last.text += paragraph.slice(start, end);
    } else {
      segments.push({ text: paragraph.slice(start, end), kinds, notes });
    }
  }
  return segments;
}
