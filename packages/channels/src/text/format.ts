/** Human-readable pieces of an alert that every channel shows the same way (plain text, unescaped). */
import type { Alert, AlertFraming } from "@storywire/core";

/** "New story" / "Update" / "Test" for the relation (or a test send). */
export function relationLabel(alert: Alert, test = false): string {
  if (test) return "Test";
  return alert.relation === "update" ? "Update" : "New story";
}

/** "2025-05-16 07:30 UTC", or "" for null. */
export function formatTime(iso: string | null): string {
  if (iso === null) return "";
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return "";
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatScore(value: number): string {
  return value.toFixed(2);
}

/** A stance with its sign: "+0.33", "-0.33", "0.00". */
function signed(value: number): string {
  return value > 0 ? `+${value.toFixed(2)}` : value.toFixed(2);
}

const SOURCING_NAMES: ReadonlyArray<[keyof AlertFraming["sourcing"], string]> = [
  ["kremlin", "Kremlin/state media"],
  ["ukrainian", "Ukrainian"],
  ["western", "Western"],
  ["analysts", "analysts"],
  ["anonymous", "anonymous"],
];

/** One line of framing scores: "stance +0.20 · loaded 0.25 · hedging 0.13 · contrast 0.00 · naming russian · sources: ...". */
export function framingScoresLine(framing: AlertFraming): string {
  const parts = [
    `stance ${signed(framing.stance)}`,
    `loaded ${formatScore(framing.loaded)}`,
    `hedging ${formatScore(framing.hedging)}`,
    `contrast ${formatScore(framing.contrast)}`,
    `naming ${framing.naming}`,
  ];
  if (framing.dominantFrame !== "") parts.push(`frame ${framing.dominantFrame}`);
  const sources = SOURCING_NAMES.filter(([key]) => framing.sourcing[key] > 0).map(
    ([key, name]) => `${name} ${formatScore(framing.sourcing[key])}`,
  );
  if (sources.length > 0) parts.push(`sources: ${sources.join(", ")}`);
  return parts.join(" · ");
}

/** "Example News · 2025-05-16 07:30 UTC" (the time only when known). */
export function sourceLine(alert: Alert): string {
  const time = formatTime(alert.story.publishedAt);
  return time === "" ? alert.story.source : `${alert.story.source} · ${time}`;
}

/** The whole alert as plain text: the email text part and the feed entries' content. */
export function alertPlainText(alert: Alert, test = false): string {
  const lines = [`Storyline: ${alert.storyline.title} (${relationLabel(alert, test)})`, alert.story.title];
  lines.push(sourceLine(alert), "");
  if (alert.novel.length > 0) {
    lines.push("What's new:", ...alert.novel.map((sentence) => `- ${sentence}`), "");
  }
  lines.push(`Storyline score: ${formatScore(alert.score)}`);
  if (alert.framing !== null) {
    lines.push(`Framing: ${alert.framing.summary}`, `Framing scores: ${framingScoresLine(alert.framing)}`);
  }
  lines.push("");
  if (alert.story.url !== null) lines.push(`Read the story: ${alert.story.url}`);
  lines.push(`In Storywire: ${alert.links.story}`, `Plain text: ${alert.links.text}`);
  return `${lines.join("\n")}\n`;
}
