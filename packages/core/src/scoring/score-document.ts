/** One call for the CLI and the pipeline: storyline scores (by id) and framing of a document. */
import type { Framing } from "../types.ts";
import { type Analysis, analyze } from "./analysis.ts";
import { defaultStorylines } from "./defaults/index.ts";
import { frameArticle } from "./framing.ts";
import type { Storyline } from "./storyline-schema.ts";
import { type StorylineResult, scoreStorylines } from "./storyline-score.ts";
import type { DocInput } from "./text.ts";

export interface DocumentScore {
  storylines: Record<string, StorylineResult>;
  framing: Framing;
}

/** Scores a document for storylines (default: the built-in three) and framing, sharing one analysis. */
export function scoreDocument(
  doc: DocInput | Analysis,
  storylines: readonly Storyline[] = defaultStorylines,
): DocumentScore {
  const a = analyze(doc);
  const byId: Record<string, StorylineResult> = {};
  for (const r of scoreStorylines(a, storylines)) byId[r.id] = r;
  return { storylines: byId, framing: frameArticle(a) };
}
