/** composeAlert: a scored story in a storyline, turned into the plain-text alert every channel renders. */

import { httpUrl } from "../feed/url.ts";
import { alertId } from "../ids.ts";
import {
  MAX_NOVEL_SENTENCES,
  MAX_SENTENCE_CHARS,
  MAX_SOURCE_CHARS,
  MAX_STORYLINE_TITLE_CHARS,
  MAX_TITLE_CHARS,
} from "./constants.ts";
import { AlertInputError } from "./errors.ts";
import { summarizeFraming } from "./framing.ts";
import { isoTime, plainLine, score } from "./text.ts";
import type { Alert, AlertRelation, ComposeAlertInput } from "./types.ts";

const RELATIONS: ReadonlySet<string> = new Set<AlertRelation>(["first", "update"]);

export function composeAlert(input: ComposeAlertInput): Alert {
  const { story, storyline, relation } = input;
  const storyId = requireId(story?.id, "story.id");
  const storylineId = requireId(storyline?.id, "storyline.id");
  if (!RELATIONS.has(relation)) {
    throw new AlertInputError(
      "relation",
      `The alert relation must be "first" or "update"; got ${JSON.stringify(relation)} (duplicates do not alert).`,
    );
  }
  const apiBase = apiBaseOf(input.links?.apiBase);
  const createdAt = isoTime(input.createdAt ?? story.fetchedAt);
  if (createdAt === null) {
    throw new AlertInputError(
      "createdAt",
      `The alert needs a valid ISO 8601 time (createdAt, else story.fetchedAt); got ${JSON.stringify(input.createdAt ?? story.fetchedAt)}.`,
    );
  }
  const storyPath = `${apiBase}/stories/${encodeURIComponent(storyId)}`;
  const rawScore = typeof input.storylineScore === "number" ? input.storylineScore : input.storylineScore?.score;

  return {
    id: alertId(storylineId, storyId),
    storyline: {
      id: storylineId,
      title: plainLine(storyline.title, MAX_STORYLINE_TITLE_CHARS) || storylineId,
    },
    relation,
    story: {
      id: storyId,
      title: plainLine(story.title, MAX_TITLE_CHARS) || "(untitled story)",
      source: plainLine(story.source, MAX_SOURCE_CHARS) || hostOf(story.url) || "unknown source",
      url: httpUrl(story.url),
      publishedAt: isoTime(story.publishedAt),
    },
    novel: relation === "update" ? novelLines(input.novel ?? story.novel ?? []) : [],
    score: score(rawScore, 0, 1),
    framing: summarizeFraming(input.framing === undefined ? story.framing : input.framing),
    links: { story: storyPath, text: `${storyPath}.txt` },
    createdAt,
  };
}

function requireId(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AlertInputError(field, `The alert needs a non-empty ${field}; got ${JSON.stringify(value)}.`);
  }
  return value.trim();
}

function apiBaseOf(value: unknown): string {
  const url = httpUrl(value);
  if (url === null || new URL(url).search !== "" || new URL(url).hash !== "") {
    throw new AlertInputError(
      "links.apiBase",
      `links.apiBase must be an absolute http(s) URL without query or fragment, such as "https://storywire.example.org/api"; got ${JSON.stringify(value)}.`,
    );
  }
  return url.replace(/\/+$/, "");
}

function hostOf(url: string | null): string {
  const href = httpUrl(url);
  return href === null ? "" : new URL(href).hostname;
}

/** The novel sentences as distinct, non-empty single lines, at most MAX_NOVEL_SENTENCES of them. */
function novelLines(sentences: readonly unknown[]): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const sentence of Array.isArray(sentences) ? sentences : []) {
    const line = plainLine(sentence, MAX_SENTENCE_CHARS);
    if (line === "" || seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
    if (lines.length === MAX_NOVEL_SENTENCES) break;
  }
  return lines;
}
