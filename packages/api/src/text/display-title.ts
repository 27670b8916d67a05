/**
 * The title a reader sees. Stories stored before titles were derived at ingest (or from a feed that gives none)
 * may have an empty title; like a feed reader, we then show the first words of the text instead of "(untitled)".
 */

/** Longest derived title, in characters, before it is cut at a word boundary and ends with "…". */
export const DERIVED_TITLE_CHARS = 90;

const SENTENCE_END = /[.!?…。！？](?=["'”’»)\]]*(?:\s|$))/u;

/** A title from the first words of a text: its first sentence when short enough, else the first words and "…". */
export function titleFromText(text: string | null | undefined, maxChars = DERIVED_TITLE_CHARS): string {
  const first = (text ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .find((p) => p.length > 0);
  if (!first) return "";
  const end = SENTENCE_END.exec(first);
  const sentence = end ? first.slice(0, end.index + 1) : first;
  if (sentence.length <= maxChars) return sentence.replace(/[.]$/, "");
  const cut = sentence.slice(0, maxChars);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, "")}…`;
}

/** The stored title, else one derived from the text, else a placeholder that says why there is none. */
export function displayTitle(story: { title: string; text?: string | null }): string {
  return story.title.trim() || titleFromText(story.text) || "(no title or text)";
}
