import {
  type DocInput,
  fingerprint,
  type Story,
  type Storyline,
  type StorylineResult,
  type StorylineScore,
  scoreDocument,
  textToParagraphs,
} from "@storywire/core";

/**
 * The document a story is scored as: its headline and the paragraphs of its text. A story's text has no headline
 * line (the title is apart), so it is split as paragraphs only: read as a seed text, its first paragraph would be
 * taken for a headline and dropped.
 */
export function storyDoc(story: Pick<Story, "title" | "text">): DocInput {
  return { title: story.title || null, paragraphs: textToParagraphs(story.text) };
}

/** What a story keeps of a storyline result: the scorer's working fields (raw, gates, ...) are not stored. */
export function storedScore(s: StorylineResult): StorylineScore {
  return { id: s.id, score: s.score, matched: s.matched, evidence: s.evidence };
}

/** Adds storyline scores, framing and the near-duplicate fingerprint to a freshly built story. */
export function scoreStory(story: Story, storylines: readonly Storyline[]): Story {
  const scored = scoreDocument(storyDoc(story), storylines);
  story.storylines = Object.values(scored.storylines).map(storedScore);
  story.framing = scored.framing;
  story.fingerprint = fingerprint(`${story.title}\n\n${story.text}`);
  return story;
}

/** The storylines a story entered, best first. */
export function matchedStorylines(story: Story) {
  return (story.storylines ?? []).filter((s) => s.matched).sort((a, b) => b.score - a.score);
}
