/**
 * A storyline as users write it, in the API and in a storylines file: either the storyline schema's JSON, or a
 * search-style query with an optional id, title and description, which compiles to that JSON:
 *
 *   { "id": "arms", "title": "Arms control", "query": "\"New START\" OR \"strategic arms\" -Iran" }
 *
 * Either way the result is a validated Storyline, or a list of errors that each name the field.
 */
import { type Storyline, validateStoryline } from "../scoring/storyline-schema.ts";
import { compileQuery } from "../storyline-query/compile.ts";
import { QueryError } from "../storyline-query/errors.ts";
import { type FieldError, splitFieldError } from "./field-errors.ts";

/** The fields of the query form. */
export const QUERY_FORM_FIELDS = ["query", "id", "title", "description"] as const;

export type StorylineDefinition =
  | {
      ok: true;
      storyline: Storyline;
      /** The query it was compiled from, or null for a storyline written as JSON. */
      query: string | null;
      /** What the query compiler approximated (empty for JSON). */
      notes: string[];
    }
  | { ok: false; errors: FieldError[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when the JSON is the query form (it has a `query` field). */
export function isQueryForm(json: unknown): json is Record<string, unknown> & { query: unknown } {
  return isObject(json) && "query" in json;
}

function fromQuery(json: Record<string, unknown>): StorylineDefinition {
  const errors: FieldError[] = [];
  for (const key of Object.keys(json)) {
    if (!(QUERY_FORM_FIELDS as readonly string[]).includes(key)) {
      errors.push({
        field: key,
        message: `cannot be combined with "query"; a storyline built from a query takes only ${QUERY_FORM_FIELDS.join(", ")} (edit the compiled storyline for the rest)`,
      });
    }
  }
  const text = (key: string): string | undefined => {
    const value = json[key];
    if (value === undefined) return undefined;
    if (typeof value === "string") return value;
    errors.push({ field: key, message: "must be text" });
    return undefined;
  };
  const query = text("query");
  const id = text("id");
  const title = text("title");
  const description = text("description");
  if (errors.length > 0 || query === undefined) return { ok: false, errors };
  let compiled: ReturnType<typeof compileQuery>;
  try {
    compiled = compileQuery(query, {
      ...(id !== undefined ? { id } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
    });
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, errors: [{ field: "query", message: error.message }] };
    throw error;
  }
  const result = validateStoryline(compiled.storyline);
  if (!result.ok) return { ok: false, errors: result.errors.map(splitFieldError) };
  return { ok: true, storyline: result.storyline, query: query.trim(), notes: compiled.notes };
}

/** Reads a storyline written as JSON or as a query. Never throws for bad input. */
export function readStorylineDefinition(json: unknown): StorylineDefinition {
  if (isQueryForm(json)) return fromQuery(json);
  const result = validateStoryline(json);
  if (!result.ok) return { ok: false, errors: result.errors.map(splitFieldError) };
  return { ok: true, storyline: result.storyline, query: null, notes: [] };
}
