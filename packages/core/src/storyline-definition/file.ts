/**
 * A storylines file, for people who keep configuration in git: a JSON list of storylines, each written as the
 * storyline schema's JSON or in the query form, the same shapes `POST /storylines` accepts and
 * `GET /storylines/{id}` returns. `{ "storylines": [...] }` and a single storyline are accepted too.
 *
 * Every problem is reported with the storyline (its id and place in the file) and the field, e.g.
 *   storylines.json: storyline "arms" (entry 2): cues[3].phrase: must not be empty
 */
import type { Storyline } from "../scoring/storyline-schema.ts";
import { readStorylineDefinition } from "./definition.ts";
import { formatFieldError } from "./field-errors.ts";
import { jsonErrorIndex, lineAndColumn } from "./json-position.ts";

/** Most storylines one file may hold (each is scored for every new story). */
export const MAX_FILE_STORYLINES = 200;

export interface FileStoryline {
  storyline: Storyline;
  query: string | null;
  notes: string[];
}

export type StorylinesFile = { ok: true; storylines: FileStoryline[] } | { ok: false; errors: string[] };

/** A storylines file that cannot be used; the message is one line naming the file, storyline and field. */
export class StorylinesFileError extends Error {
  override name = "StorylinesFileError";
  constructor(
    readonly source: string,
    readonly errors: string[],
  ) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more: ${errors.slice(1).join("; ")})` : "";
    super(`${source}: ${errors[0] ?? "is not valid"}${more}. Fix the file and try again.`);
  }
}

function entriesOf(json: unknown): unknown[] | string {
  if (Array.isArray(json)) return json;
  if (typeof json === "object" && json !== null) {
    const keys = Object.keys(json);
    if (keys.length === 1 && keys[0] === "storylines") {
      const list = (json as { storylines: unknown }).storylines;
      return Array.isArray(list) ? list : '"storylines" must be a list of storylines';
    }
    if ("id" in json || "query" in json || "cues" in json) return [json];
  }
  return 'must be a list of storylines: [ { "id": …, "title": …, "cues": [...] }, { "query": "…" } ]';
}

/** Reads a storylines file's text. Never throws for bad content. */
export function parseStorylinesFile(text: string): StorylinesFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const body = text.replace(/^\uFEFF/, "");
    const at = jsonErrorIndex(body);
    const where = at >= 0 ? ` at ${lineAndColumn(body, at)}` : "";
    const reason = (error as Error).message.split(/,? "|\n| in JSON at| \(line/)[0] ?? "unexpected input";
    return { ok: false, errors: [`is not valid JSON (${reason.trim()})${where}`] };
  }
  const entries = entriesOf(json);
  if (typeof entries === "string") return { ok: false, errors: [entries] };
  if (entries.length > MAX_FILE_STORYLINES) {
    return { ok: false, errors: [`holds ${entries.length} storylines; at most ${MAX_FILE_STORYLINES} are allowed`] };
  }
  const errors: string[] = [];
  const storylines: FileStoryline[] = [];
  const firstEntry = new Map<string, number>();
  entries.forEach((entry, index) => {
    const rawId = typeof entry === "object" && entry !== null ? (entry as { id?: unknown }).id : undefined;
    const name = typeof rawId === "string" ? `storyline "${rawId}" (entry ${index + 1})` : `entry ${index + 1}`;
    const read = readStorylineDefinition(entry);
    if (!read.ok) {
      for (const e of read.errors) errors.push(`${name}: ${formatFieldError(e)}`);
      return;
    }
    const id = read.storyline.id;
    const seen = firstEntry.get(id);
    if (seen !== undefined) {
      errors.push(`storyline "${id}" (entry ${index + 1}): id: is used by entry ${seen} too; ids must be unique`);
      return;
    }
    firstEntry.set(id, index + 1);
    storylines.push({ storyline: read.storyline, query: read.query, notes: read.notes });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, storylines };
}

/** parseStorylinesFile, throwing a StorylinesFileError that names `source` (the file's path). */
export function loadStorylinesFile(text: string, source: string): FileStoryline[] {
  const parsed = parseStorylinesFile(text);
  if (!parsed.ok) throw new StorylinesFileError(source, parsed.errors);
  return parsed.storylines;
}
