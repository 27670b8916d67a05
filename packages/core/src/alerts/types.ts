/**
 * The alert a subscriber receives when a tracked storyline moves: plain data, text only, safe to serialize.
 * Every string in it is plain text (never markup); every URL in it is http(s). Channels escape for their
 * own markup when they render it.
 */
import type { Framing, Story } from "../types.ts";

/** Why the story alerts: the first story of a new event, or an update that brings new facts. */
export type AlertRelation = "first" | "update";

/** The framing scores an alert carries, rounded to two decimals, with a one-line summary. */
export interface AlertFraming {
  /** The summary label from the fixed set (e.g. "neutral report"). */
  label: string;
  /** One line, no line breaks: Framing.summary, else the label. */
  summary: string;
  /** The dominant Media Frames dimension, "" when unknown. */
  dominantFrame: string;
  /** Stance toward the Russian leadership, -1 (aggressor) .. +1 (peacemaker / defensive). */
  stance: number;
  loaded: number;
  hedging: number;
  contrast: number;
  /** Which place names and terms the story uses. */
  naming: "russian" | "ukrainian" | "neutral";
  /** Share of sourcing by kind, each 0..1. */
  sourcing: {
    anonymous: number;
    kremlin: number;
    ukrainian: number;
    western: number;
    analysts: number;
  };
}

export interface Alert {
  /** Stable id of this alert: 16 hex characters derived from (storyline id, story id). */
  id: string;
  storyline: { id: string; title: string };
  relation: AlertRelation;
  story: {
    id: string;
    title: string;
    /** Feed title or domain. */
    source: string;
    /** The article, http(s) only; null when the story has none (or it was not http(s)). */
    url: string | null;
    /** ISO 8601 UTC, or null when unknown. */
    publishedAt: string | null;
  };
  /** For updates: the sentences that are new relative to the event (plain text, one line each). [] for "first". */
  novel: string[];
  /** The storyline score, 0..1, two decimals. */
  score: number;
  /** Framing scores and summary, or null when the story was not scored for framing. */
  framing: AlertFraming | null;
  /** The story in the Storywire API: JSON and plain text. */
  links: { story: string; text: string };
  /** When the alert was composed (ISO 8601 UTC): the story's fetch time unless given. */
  createdAt: string;
}

export interface ComposeAlertInput {
  story: Story;
  storyline: { id: string; title: string };
  relation: AlertRelation;
  /** The new sentences (updates); ignored for "first". Falls back to story.novel. */
  novel?: string[];
  /** The storyline score 0..1, as a number or the StorylineScore it came from. */
  storylineScore: number | { score: number };
  /** Framing of the story; falls back to story.framing; null when unscored. */
  framing?: Framing | null;
  /** apiBase: the public base URL of the Storywire API (http(s)), e.g. "https://news.example.org/api". */
  links: { apiBase: string };
  /** ISO 8601 time of composition; defaults to story.fetchedAt so composing is deterministic. */
  createdAt?: string;
}
