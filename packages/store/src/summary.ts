import type { Story } from "@storywire/core";
import type { StorySummary } from "./types.ts";

/** The list shape of a story: what GET /stories and the dashboard's lists show without `include`. */
export function toStorySummary(story: Story): StorySummary {
  const { text: _text, novel: _novel, fingerprint: _fingerprint, storylines, framing, ...rest } = story;
  return {
    ...rest,
    storylines: (storylines ?? []).map(({ id, score, matched }) => ({ id, score, matched })),
    framing: framing ? { label: framing.label, summary: framing.summary } : null,
  };
}
