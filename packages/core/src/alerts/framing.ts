/** Reduces a story's Framing to the scores an alert shows, with one line of summary. */
import type { Framing } from "../types.ts";
import { MAX_LABEL_CHARS, MAX_SUMMARY_CHARS } from "./constants.ts";
import { plainLine, score } from "./text.ts";
import type { AlertFraming } from "./types.ts";

const NAMING_LEANS = new Set(["russian", "ukrainian", "neutral"]);

/**
 * The alert's view of a Framing. Tolerates partial objects (e.g. read back from an older stored story):
 * missing scores read as 0, a missing lean as "neutral".
 */
export function summarizeFraming(framing: Framing | null | undefined): AlertFraming | null {
  if (framing === null || framing === undefined || typeof framing !== "object") return null;
  const label = plainLine(framing.label, MAX_LABEL_CHARS);
  const summary = plainLine(framing.summary, MAX_SUMMARY_CHARS) || label;
  const lean = framing.naming?.lean;
  const sourcing = framing.sourcing;
  return {
    label,
    summary,
    dominantFrame: plainLine(framing.frame?.dominant, MAX_LABEL_CHARS),
    stance: score(framing.stance?.value, -1, 1),
    loaded: score(framing.loaded?.value, 0, 1),
    hedging: score(framing.hedging?.value, 0, 1),
    contrast: score(framing.contrast?.value, 0, 1),
    naming: lean !== undefined && NAMING_LEANS.has(lean) ? lean : "neutral",
    sourcing: {
      anonymous: score(sourcing?.anonymous, 0, 1),
      kremlin: score(sourcing?.kremlin, 0, 1),
      ukrainian: score(sourcing?.ukrainian, 0, 1),
      western: score(sourcing?.western, 0, 1),
      analysts: score(sourcing?.analysts, 0, 1),
    },
  };
}
