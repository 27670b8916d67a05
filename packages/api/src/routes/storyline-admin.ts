/**
 * Storylines are the user's: create (as the storyline's JSON or from a search-style query), read, edit (JSON
 * Merge Patch, or a new query), delete, restore a built-in one, compile a query without saving, and rescore the
 * stored stories of a time window. All of it needs the admin key. `GET /storylines/{id}` answers the whole
 * definition, in the shape POST and a storylines file accept, with an ETag that PATCH and DELETE honour as
 * If-Match.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  applyMergePatch,
  type FieldError,
  formatFieldError,
  isCompiledDescription,
  isCompiledTitle,
  isQueryForm,
  readStorylineDefinition,
  type Storyline,
  storylineSchema,
} from "@storywire/core";
// Narrow entry points: the API bundle must not reach the ingest and deliver steps through the package index.
import { silentLogger } from "@storywire/pipeline/ports";
import {
  RESCORE_DEFAULT_LIMIT,
  RESCORE_MAX_LIMIT,
  RescoreRequestError,
  rescoreStoryline,
} from "@storywire/pipeline/rescore";
import { type CatalogEntry, StorylineCatalog, StorylineChangeError } from "@storywire/pipeline/storylines";
import type { Context } from "hono";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { requireAdmin } from "../middleware/auth.ts";
import { PageCursor, pageLimit, problemResponse } from "../schemas.ts";

// ---- OpenAPI components: the storyline's JSON (as written and as served) and the query form -----------------

const QueryFormSchema = z
  .object({
    query: z.string().openapi({
      description:
        'A search-style query: "quoted phrases", OR (or |), AND (or a space), -exclusions, NEAR/n (words), word*, (groups). OR binds tighter than AND.',
      example: '"New START" OR "strategic arms" -Iran',
    }),
    id: z.string().optional().openapi({ description: "Default: a slug of the words looked for" }),
    title: z.string().optional().openapi({ description: "Default: the query" }),
    description: z.string().optional(),
  })
  .openapi("StorylineQuery");

const Ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function jsonSchemaOf(io: "input" | "output", description: string): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(storylineSchema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return { ...schema, description };
}

/** A storyline as served: documented by the storyline schema, typed loosely (the schema lives in core). */
const StorylineSchema = z
  .record(z.string(), z.unknown())
  .openapi(
    "Storyline",
    jsonSchemaOf(
      "output",
      "A storyline with every field: what GET answers, and what POST, PATCH and a storylines file accept.",
    ) as never,
  );

function registerComponents(app: OpenAPIHono): void {
  // Request bodies are documented by reference only, so that the route reads them itself: its errors name
  // every wrong field the way a storylines file's do, not only the first.
  app.openAPIRegistry.registerComponent(
    "schemas",
    "StorylineInput",
    jsonSchemaOf(
      "input",
      "A storyline as the storyline schema writes it (optional fields take their defaults).",
    ) as never,
  );
  app.openAPIRegistry.register("StorylineQuery", QueryFormSchema);
}

const bodyOf = (description: string) => ({
  required: true,
  description,
  content: {
    "application/json": { schema: { oneOf: [Ref("StorylineInput"), Ref("StorylineQuery")] } },
  },
});

const definition = (description: string) => ({
  description,
  headers: { ETag: { description: "The storyline's revision, for If-Match", schema: { type: "string" as const } } },
  content: { "application/json": { schema: StorylineSchema } },
});

const IdParam = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a storyline id (lower-case letters, digits and single hyphens)")
    .max(64, "must be at most 64 characters")
    .openapi({ param: { name: "id", in: "path" }, example: "new-start" }),
});

const IfMatch = z.object({
  "if-match": z
    .string()
    .max(100)
    .optional()
    .openapi({ description: "The ETag of GET: refuse the change (412) if the storyline changed since" }),
});

const auth = {
  401: problemResponse("Missing or wrong API key"),
};
const secured = { security: [{ adminKey: [] }] };

const create = createRoute({
  method: "post",
  path: "/storylines",
  summary: "Create a storyline from its JSON or from a search-style query; answers with the storyline it became",
  ...secured,
  request: { body: bodyOf("The storyline's JSON, or { query, id?, title?, description? }") },
  responses: {
    201: definition("Created: the whole storyline (a query's compiled form)"),
    400: problemResponse("A field or the query is not valid (field names it)"),
    ...auth,
    409: problemResponse("The id exists, or is defined in the storylines file"),
  },
});

const compile = createRoute({
  method: "post",
  path: "/storylines/compile",
  summary: "Compile a search-style query to a storyline without saving it",
  ...secured,
  request: {
    body: { required: true, content: { "application/json": { schema: Ref("StorylineQuery") } } },
  },
  responses: {
    200: {
      description: "The storyline the query compiles to, and what the compiler approximated",
      content: {
        "application/json": {
          schema: z.object({ storyline: StorylineSchema, notes: z.array(z.string()) }),
        },
      },
    },
    400: problemResponse("The query is not valid"),
    ...auth,
  },
});

const read = createRoute({
  method: "get",
  path: "/storylines/{id}",
  summary: "A storyline's whole definition, to copy, edit and post back",
  ...secured,
  request: { params: IdParam },
  responses: { 200: definition("The storyline"), ...auth, 404: problemResponse("No such storyline") },
});

const patch = createRoute({
  method: "patch",
  path: "/storylines/{id}",
  summary:
    "Edit a storyline: a JSON Merge Patch of its definition, or { query } to compile it anew; an edited built-in storyline overrides the built-in one",
  ...secured,
  request: {
    params: IdParam,
    headers: IfMatch,
    body: {
      required: true,
      content: {
        "application/merge-patch+json": { schema: Ref("StorylineInput") },
        "application/json": { schema: { oneOf: [Ref("StorylineInput"), Ref("StorylineQuery")] } },
      },
    },
  },
  responses: {
    200: definition("The storyline as saved"),
    400: problemResponse("A field or the query is not valid"),
    ...auth,
    404: problemResponse("No such storyline"),
    409: problemResponse("Defined in the storylines file, or changed meanwhile"),
    412: problemResponse("If-Match does not match the storyline's revision"),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/storylines/{id}",
  summary:
    "Delete a storyline. A built-in one is hidden (no longer scored or listed; POST /storylines/{id}/restore brings it back); stored stories and events stay",
  ...secured,
  request: { params: IdParam, headers: IfMatch },
  responses: {
    204: { description: "Deleted (or, for a built-in storyline, hidden)" },
    ...auth,
    404: problemResponse("No such storyline"),
    409: problemResponse("Subscriptions use it (the detail names them), or it is defined in the storylines file"),
    412: problemResponse("If-Match does not match the storyline's revision"),
  },
});

const restore = createRoute({
  method: "post",
  path: "/storylines/{id}/restore",
  summary: "Bring a built-in storyline back as it ships: drops an edit, or shows it again after a delete",
  ...secured,
  request: { params: IdParam },
  responses: {
    200: definition("The built-in storyline"),
    ...auth,
    404: problemResponse("No such storyline"),
    409: problemResponse("Not a built-in storyline, or defined in the storylines file"),
  },
});

const RescoreResultSchema = z
  .object({
    storyline: z.string(),
    since: z.string(),
    until: z.string(),
    scanned: z.number().openapi({ description: "Stories read in this call" }),
    entered: z.number().openapi({ description: "Stories that entered the storyline in this call" }),
    alreadyIn: z.number(),
    placed: z.object({ first: z.number(), update: z.number(), duplicate: z.number() }),
    nextCursor: z.string().nullable().openapi({ description: "Pass as cursor to continue; null: the window is done" }),
    next: z.string().nullable().openapi({ description: "The URL that continues the rescore (POST it)" }),
  })
  .openapi("RescoreResult");

const rescore = createRoute({
  method: "post",
  path: "/storylines/{id}/rescore",
  summary:
    "Score the stored stories of a time window against the storyline, oldest first, one bounded page per call (no alerts are sent); repeat with cursor=nextCursor until it is null",
  ...secured,
  request: {
    params: IdParam,
    query: z.object({
      since: z.string().max(40).optional().openapi({
        description:
          "Start of the window (ISO 8601, included); required without cursor. The window selects stories published in it, and undated stories fetched in it (README: History for a new storyline)",
      }),
      until: z.string().max(40).optional().openapi({ description: "End of the window (exclusive); default: now" }),
      cursor: PageCursor,
      limit: pageLimit(RESCORE_MAX_LIMIT, RESCORE_DEFAULT_LIMIT),
    }),
  },
  responses: {
    200: { description: "What this page did", content: { "application/json": { schema: RescoreResultSchema } } },
    400: problemResponse("A bad window or cursor"),
    ...auth,
    404: problemResponse("No such storyline"),
  },
});

// ---- helpers -----------------------------------------------------------------------------------------------

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "")
    throw new ApiError(400, "bad_request", "The request body is empty; send the storyline as JSON.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_request", "The request body is not valid JSON; send the storyline as a JSON object.");
  }
}

/** The problem of a definition that does not validate: every field in the detail, the first as `field`. */
function invalid(errors: FieldError[]): ApiError {
  const first = errors[0];
  if (first?.field === "query") {
    return new ApiError(400, "invalid_query", `The query is not valid: ${first.message}.`, "query");
  }
  const list = errors.map(formatFieldError).join("; ");
  return new ApiError(
    400,
    "invalid_storyline",
    `The storyline is not valid: ${list}. Fix ${errors.length === 1 ? "this field" : "these fields"} and send it again.`,
    first?.field ?? undefined,
  );
}

function refused(error: unknown, ifMatch: boolean): unknown {
  if (!(error instanceof StorylineChangeError)) return error;
  switch (error.kind) {
    case "not_found":
      return new ApiError(404, "not_found", error.message);
    case "stale":
      return ifMatch
        ? new ApiError(412, "precondition_failed", error.message)
        : new ApiError(409, "conflict", error.message);
    default:
      return new ApiError(409, "conflict", error.message);
  }
}

/** The revision an If-Match header names ("3", W/"3"); undefined without one or for "*". */
function expectedRevision(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "*") return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new ApiError(
      400,
      "invalid_request",
      'The "if-match" header must be an ETag this API gave out (the ETag of GET), such as "3".',
      "if-match",
    );
  }
  return Number(match[1]);
}

function answer<S extends 200 | 201>(c: Context, entry: CatalogEntry, status: S) {
  c.header("etag", `"${entry.revision}"`);
  if (status === 201) c.header("location", `/storylines/${entry.storyline.id}`);
  return c.json(entry.storyline as Record<string, unknown>, status);
}

/** The JSON a PATCH produces: a new query (compiled later), or the merge patch applied to the current storyline. */
function patched(entry: CatalogEntry, body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "bad_request", "A PATCH body is a JSON object: the fields to change (null removes one).");
  }
  const changes = body as Record<string, unknown>;
  const id = entry.storyline.id;
  if ("id" in changes && changes.id !== id) {
    throw new ApiError(
      400,
      "invalid_storyline",
      `The storyline is not valid: id: cannot change from "${id}"; POST a copy under the new id and DELETE this one.`,
      "id",
    );
  }
  if (!isQueryForm(changes)) return applyMergePatch(entry.storyline, changes);
  // A new query: keep the title and the description the user wrote. The compiler's own (the old query as title,
  // "Built from the query: ..." as description) describe the old query and are written anew, whatever happened
  // since (a merge patch in between forgets the query but not the description it left).
  const { title, description } = entry.storyline;
  const keep: Record<string, unknown> = {};
  if (!isCompiledTitle(title, description, entry.query)) keep.title = title;
  if (!isCompiledDescription(description)) keep.description = description;
  return { ...keep, ...changes, id };
}

// ---- routes ------------------------------------------------------------------------------------------------

export function registerStorylineAdminRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const catalog = deps.storylineCatalog ?? new StorylineCatalog({ store: deps.store });
  const admin = requireAdmin(deps.adminKey);
  registerComponents(app);

  const existing = async (id: string): Promise<CatalogEntry> => {
    const entry = await catalog.entry(id);
    if (entry) return entry;
    if (await catalog.isHidden(id)) {
      throw new ApiError(
        404,
        "not_found",
        `The built-in storyline "${id}" was deleted; POST /storylines/${id}/restore brings it back.`,
      );
    }
    throw new ApiError(404, "not_found", `No storyline has the id "${id}"; GET /storylines lists them.`);
  };

  app.openapi({ ...compile, middleware: [admin] }, async (c) => {
    const body = await jsonBody(c);
    if (!isQueryForm(body)) {
      throw new ApiError(400, "invalid_query", 'Send { "query": "…" } to compile a query.', "query");
    }
    const result = readStorylineDefinition(body);
    if (!result.ok) throw invalid(result.errors);
    return c.json({ storyline: result.storyline as Record<string, unknown>, notes: result.notes }, 200);
  });

  app.openapi({ ...create, middleware: [admin] }, async (c) => {
    const result = readStorylineDefinition(await jsonBody(c));
    if (!result.ok) throw invalid(result.errors);
    try {
      return answer(c, await catalog.create(result.storyline, result.query), 201);
    } catch (error) {
      throw refused(error, false);
    }
  });

  app.openapi({ ...read, middleware: [admin] }, async (c) => answer(c, await existing(c.req.valid("param").id), 200));

  app.openapi({ ...patch, middleware: [admin] }, async (c) => {
    const { id } = c.req.valid("param");
    const header = c.req.valid("header")["if-match"];
    const expected = expectedRevision(header);
    const file = catalog.fileDefining(id);
    if (file !== null) {
      throw new ApiError(
        409,
        "conflict",
        `The storyline "${id}" is defined in ${file}; edit it there and restart (or redeploy).`,
      );
    }
    const entry = await existing(id);
    const result = readStorylineDefinition(patched(entry, await jsonBody(c)));
    if (!result.ok) throw invalid(result.errors);
    try {
      return answer(c, await catalog.update(result.storyline, result.query, expected), 200);
    } catch (error) {
      throw refused(error, header !== undefined);
    }
  });

  app.openapi({ ...remove, middleware: [admin] }, async (c) => {
    const { id } = c.req.valid("param");
    const header = c.req.valid("header")["if-match"];
    try {
      await catalog.remove(id, expectedRevision(header));
    } catch (error) {
      throw refused(error, header !== undefined);
    }
    return c.body(null, 204);
  });

  app.openapi({ ...restore, middleware: [admin] }, async (c) => {
    try {
      return answer(c, await catalog.restore(c.req.valid("param").id), 200);
    } catch (error) {
      throw refused(error, false);
    }
  });

  app.openapi({ ...rescore, middleware: [admin] }, async (c) => {
    const { id } = c.req.valid("param");
    const { since, until, cursor, limit } = c.req.valid("query");
    const storyline: Storyline | undefined = (await deps.storylines()).find((s) => s.id === id);
    if (!storyline) {
      await existing(id);
      throw new ApiError(404, "not_found", `No storyline has the id "${id}"; GET /storylines lists them.`);
    }
    const now = () => deps.now?.() ?? new Date();
    try {
      const result = await rescoreStoryline(
        storyline,
        { since, until, cursor, limit },
        { store: deps.store, clock: { now }, logger: silentLogger },
      );
      const next =
        result.nextCursor === null
          ? null
          : `${deps.publicUrl}/storylines/${id}/rescore?cursor=${encodeURIComponent(result.nextCursor)}&limit=${limit}`;
      return c.json({ ...result, next }, 200);
    } catch (error) {
      if (error instanceof RescoreRequestError) {
        throw new ApiError(
          400,
          error.field === "cursor" ? "invalid_cursor" : "invalid_request",
          `"${error.field}" ${error.message}`,
          error.field,
        );
      }
      throw error;
    }
  });
}
