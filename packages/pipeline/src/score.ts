import { fingerprint, parseSeedText, type Story, type Storyline, scoreDocument } from "@storywire/core";

/** Adds storyline scores, framing and the near-duplicate fingerprint to a freshly built story. */
export function scoreStory(story: Story, storylines: readonly Storyline[]): Story {
  const doc = { title: story.title || null, paragraphs: parseSeedText(story.text).paragraphs };
  const scored = scoreDocument(doc, storylines);
  // Keep what the story shape defines; the scorer's working fields (raw, gates, ...) are not stored.
  story.storylines = Object.values(scored.storylines).map((s) => ({
    id: s.id,
    score: s.score,
    matched: s.matched,
    evidence: s.evidence,
  }));
  story.framing = scored.framing;
  story.fingerprint = fingerprint(`${story.title}\n\n${story.text}`);
  return story;
}

/** The storylines a story entered, best first. */
export function matchedStorylines(story: Story) {
  return (story.storylines ?? []).filter((s) => s.matched).sort((a, b) => b.score - a.score);
}
