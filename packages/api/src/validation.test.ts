/**
 * Every route's validation errors read as sentences: one case per validated input of every route (path, query,
 * headers and body), each answered 400 with a `field` and a detail that names that field, says what it accepts and
 * carries none of the validator's own wording ("Too small: expected number to be >=1"). The table must cover every
 * operation of the OpenAPI document that takes input, so a route added later needs its cases here.
 */

import { admin, startTestApp, type TestApp } from "@storywire/api/test-support/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeValidationError, JARGON } from "./validation.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ID = "0123456789abcdef";
const webhook = { type: "webhook", url: "https://hooks.example.org/x" };

interface Case {
  /** The operation, as the OpenAPI document names it. */
  op: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  field: string;
  /** What else the detail must say (what is allowed). */
  says?: RegExp;
}

const CASES: Case[] = [
  // feeds
  { op: "post /feeds", method: "POST", path: "/feeds", body: {}, field: "url", says: /required/ },
  { op: "post /feeds", method: "POST", path: "/feeds", body: { url: 5 }, field: "url", says: /must be text/ },
  { op: "post /feeds", method: "POST", path: "/feeds", body: { url: "" }, field: "url", says: /must not be empty/ },
  { op: "post /feeds", method: "POST", path: "/feeds", body: { url: "x", y: 1 }, field: "y", says: /unknown field/ },
  { op: "post /feeds", method: "POST", path: "/feeds", body: { url: "ftp://x.example" }, field: "url" },
  { op: "get /feeds/{id}", method: "GET", path: "/feeds/xyz", field: "id", says: /16 lowercase hex/ },
  { op: "patch /feeds/{id}", method: "PATCH", path: "/feeds/xyz", body: { paused: true }, field: "id" },
  {
    op: "patch /feeds/{id}",
    method: "PATCH",
    path: `/feeds/${ID}`,
    body: { paused: "yes" },
    field: "paused",
    says: /true or false/,
  },
  {
    op: "patch /feeds/{id}",
    method: "PATCH",
    path: `/feeds/${ID}`,
    body: { title: "t".repeat(201) },
    field: "title",
    says: /at most 200 characters/,
  },
  { op: "delete /feeds/{id}", method: "DELETE", path: "/feeds/xyz", field: "id" },
  {
    op: "post /feeds/import",
    method: "POST",
    path: "/feeds/import",
    body: new FormData(),
    field: "file",
    says: /attach the OPML file/,
  },
  // stories
  { op: "get /stories", method: "GET", path: "/stories?limit=0", field: "limit", says: /from 1 to 100/ },
  { op: "get /stories", method: "GET", path: "/stories?limit=abc", field: "limit", says: /whole number/ },
  { op: "get /stories", method: "GET", path: "/stories?limit=1.5", field: "limit", says: /whole number/ },
  { op: "get /stories", method: "GET", path: "/stories?minScore=2", field: "minScore", says: /from 0 to 1/ },
  { op: "get /stories", method: "GET", path: "/stories?relation=sideways", field: "relation", says: /"first"/ },
  { op: "get /stories", method: "GET", path: "/stories?storyline=A_B", field: "storyline", says: /storyline id/ },
  { op: "get /stories", method: "GET", path: "/stories?storyline=nope", field: "storyline", says: /ceasefire/ },
  { op: "get /stories", method: "GET", path: "/stories?framing=x", field: "framing", says: /neutral-report/ },
  { op: "get /stories", method: "GET", path: "/stories?feed=xyz", field: "feed", says: /16 hex/ },
  { op: "get /stories", method: "GET", path: `/stories?source=${"s".repeat(201)}`, field: "source", says: /200/ },
  { op: "get /stories", method: "GET", path: "/stories?language=english", field: "language", says: /such as en/ },
  { op: "get /stories", method: "GET", path: "/stories?since=monday", field: "since", says: /ISO 8601/ },
  { op: "get /stories", method: "GET", path: "/stories?until=0001-01-01T00:00:00Z", field: "until", says: /1970/ },
  {
    op: "get /stories",
    method: "GET",
    path: "/stories?since=2025-01-02T00:00:00Z&until=2025-01-01T00:00:00Z",
    field: "until",
    says: /later than "since"/,
  },
  { op: "get /stories", method: "GET", path: `/stories?q=${"w".repeat(201)}`, field: "q", says: /200 characters/ },
  { op: "get /stories", method: "GET", path: "/stories?q=the", field: "q", says: /no word/ },
  { op: "get /stories", method: "GET", path: "/stories?include=all", field: "include", says: /"text"/ },
  { op: "get /stories", method: "GET", path: "/stories?cursor=nope!", field: "cursor" },
  { op: "get /stories", method: "GET", path: "/stories?storylines=sco", field: "storylines", says: /unknown/ },
  { op: "get /stories/{id}", method: "GET", path: "/stories/xyz", field: "id" },
  { op: "get /stories/{id}.txt", method: "GET", path: "/stories/xyz.txt", field: "id" },
  // storylines
  { op: "get /storylines/{id}/events", method: "GET", path: "/storylines/A_B/events", field: "id" },
  { op: "get /storylines/{id}/events", method: "GET", path: "/storylines/sco/events?limit=99", field: "limit" },
  { op: "get /storylines/{id}/timeline", method: "GET", path: "/storylines/sco/timeline?limit=0", field: "limit" },
  { op: "get /storylines/{id}/timeline", method: "GET", path: "/storylines/A_B/timeline", field: "id" },
  {
    op: "post /storylines",
    method: "POST",
    path: "/storylines",
    body: { id: "x", title: "X", cues: [{ phrase: "", weight: 1 }] },
    field: "cues[0].phrase",
    says: /must not be empty/,
  },
  {
    op: "post /storylines",
    method: "POST",
    path: "/storylines",
    body: { id: "x", title: "X\u202e", cues: [{ phrase: "a", weight: 1 }] },
    field: "title",
    says: /RIGHT-TO-LEFT OVERRIDE/,
  },
  { op: "post /storylines", method: "POST", path: "/storylines", body: { query: "a OR" }, field: "query" },
  { op: "post /storylines/compile", method: "POST", path: "/storylines/compile", body: {}, field: "query" },
  { op: "get /storylines/{id}", method: "GET", path: "/storylines/A_B", field: "id", says: /lower-case/ },
  {
    op: "patch /storylines/{id}",
    method: "PATCH",
    path: "/storylines/sco",
    body: { threshold: 3 },
    field: "threshold",
    says: /between 0 and 1/,
  },
  {
    op: "patch /storylines/{id}",
    method: "PATCH",
    path: "/storylines/sco",
    body: { threshold: 0.5 },
    headers: { "if-match": "yesterday" },
    field: "if-match",
    says: /ETag/,
  },
  { op: "delete /storylines/{id}", method: "DELETE", path: "/storylines/A_B", field: "id" },
  { op: "post /storylines/{id}/restore", method: "POST", path: "/storylines/A_B/restore", field: "id" },
  {
    op: "post /storylines/{id}/rescore",
    method: "POST",
    path: "/storylines/sco/rescore?since=monday",
    field: "since",
    says: /ISO 8601/,
  },
  { op: "post /storylines/{id}/rescore", method: "POST", path: "/storylines/sco/rescore", field: "since" },
  { op: "post /storylines/{id}/rescore", method: "POST", path: "/storylines/sco/rescore?limit=0", field: "limit" },
  // subscriptions and deliveries
  { op: "get /subscriptions", method: "GET", path: "/subscriptions?limit=500", field: "limit", says: /1 to 100/ },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: [], channel: webhook },
    field: "storylines",
    says: /at least one storyline/,
  },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: ["nope"], channel: webhook },
    field: "storylines",
    says: /not a storyline/,
  },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: ["sco"], channel: { type: "pager" } },
    field: "channel.type",
    says: /"webhook"/,
  },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: ["sco"], channel: { type: "email", to: "nobody" } },
    field: "channel.to",
    says: /email address/,
  },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: ["sco"], channel: { type: "webhook", url: "http://169.254.169.254/" } },
    field: "channel.url",
  },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: ["sco"], channel: { type: "webhook" } },
    field: "channel.url",
    says: /required/,
  },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: ["sco"], minScore: 2, channel: webhook },
    field: "minScore",
    says: /from 0 to 1/,
  },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: ["sco"], mode: "weekly", channel: webhook },
    field: "mode",
    says: /"hourly"/,
  },
  {
    op: "post /subscriptions",
    method: "POST",
    path: "/subscriptions",
    body: { storylines: ["sco"], filters: { includeLabels: ["pro-kremlin"] }, channel: webhook },
    field: "filters.includeLabels[0]",
    says: /kremlin-aligned/,
  },
  {
    op: "post /subscriptions/{id}/rotate-secret",
    method: "POST",
    path: `/subscriptions/${ID}/rotate-secret`,
    body: { gracePeriodSeconds: -1 },
    field: "gracePeriodSeconds",
    says: /from 0 to 604800/,
  },
  { op: "get /subscriptions/{id}", method: "GET", path: "/subscriptions/xyz", field: "id" },
  { op: "delete /subscriptions/{id}", method: "DELETE", path: "/subscriptions/xyz", field: "id" },
  { op: "post /subscriptions/{id}/test", method: "POST", path: "/subscriptions/xyz/test", field: "id" },
  {
    op: "get /subscriptions/{id}/deliveries",
    method: "GET",
    path: `/subscriptions/${ID}/deliveries?limit=0`,
    field: "limit",
  },
  { op: "post /deliveries/{id}/replay", method: "POST", path: "/deliveries/xyz/replay", field: "id" },
];

/** Operations that take no input a client can get wrong, or whose input is checked by the path alone. */
const NO_VALIDATED_INPUT = new Set([
  "get /storylines/{id}/alerts.atom",
  "get /storylines/{id}/alerts.json",
  "get /alerts/{token}.atom",
  "get /alerts/{token}.json",
  "get /problems/{code}",
]);

async function send(c: Case): Promise<Response> {
  const isForm = c.body instanceof FormData;
  const body = c.body === undefined ? undefined : isForm ? (c.body as FormData) : JSON.stringify(c.body);
  return t.app.request(c.path, {
    method: c.method,
    headers: {
      ...admin,
      ...(body === undefined || isForm ? {} : { "content-type": "application/json" }),
      ...c.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
}

describe("validation errors on every route", () => {
  it.each(CASES)("$method $path: names $field", async (c) => {
    const res = await send(c);
    const body = (await res.json()) as { detail: string; field?: string; status: number };
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.field).toBe(c.field);
    // A sentence: a capital or a quoted field first, a full stop last.
    expect(body.detail).toMatch(/^["A-Z][\s\S]*[.]$/);
    const bare = c.field.replace(/\[\d+\]$/, "");
    expect(body.detail.includes(`"${c.field}"`) || body.detail.includes(bare), body.detail).toBe(true);
    expect(body.detail).not.toMatch(JARGON);
    if (c.says) expect(body.detail).toMatch(c.says);
  });

  it("covers every operation of the OpenAPI document that takes input", async () => {
    const doc = (await (await t.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown; tags?: string[] }>>;
    };
    const covered = new Set(CASES.map((c) => c.op));
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method} ${path}`;
        if (op.tags?.includes("Dashboard") || NO_VALIDATED_INPUT.has(name)) continue;
        if ((op.parameters?.length ?? 0) > 0 || op.requestBody) {
          if (!covered.has(name)) missing.push(name);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("describeValidationError", () => {
  it.each([
    [{ code: "too_small", origin: "number", minimum: 1, inclusive: true }, 0, '"x" must be at least 1, not 0.'],
    [{ code: "too_small", origin: "number", minimum: 0, inclusive: false }, 0, '"x" must be greater than 0, not 0.'],
    [{ code: "too_big", origin: "string", maximum: 5 }, "abcdefg", '"x" must be at most 5 characters, not "abcdefg".'],
    [{ code: "too_small", origin: "array", minimum: 1 }, [], '"x" must list at least one value.'],
    [{ code: "too_big", origin: "array", maximum: 3 }, [1, 2, 3, 4], '"x" must list at most 3 values.'],
    [{ code: "invalid_value", values: ["a", "b", "c"] }, "d", '"x" must be one of "a", "b" or "c", not "d".'],
    [{ code: "invalid_type", expected: "boolean" }, "yes", '"x" must be true or false, not "yes".'],
    [
      { code: "invalid_format", format: "email" },
      "a",
      '"x" must be an email address such as analyst@example.org, not "a".',
    ],
    [
      { code: "invalid_union", note: "No matching discriminator", options: ["a", "b"] },
      "q",
      '"x" must be one of "a" or "b", not "q".',
    ],
  ])("%o given %o", (issue, value, detail) => {
    const full = { path: ["x"], message: "Too small: expected number to be >=1", ...issue };
    expect(describeValidationError("request body", [full], { x: value })).toEqual({ detail, field: "x" });
  });

  it("names a missing field as required, with its type", () => {
    const issue = { path: ["url"], code: "invalid_type", expected: "string", message: "Invalid input" };
    expect(describeValidationError("request body", [issue], {})).toEqual({
      detail: 'The request body lacks "url", which is required (text).',
      field: "url",
    });
  });

  it("keeps a schema's own message and shows the value of a query list item", () => {
    const issue = { path: ["storyline", 1], code: "invalid_format", message: "must be a storyline id" };
    expect(describeValidationError("query string", [issue], { storyline: "sco,BAD" }, false)).toEqual({
      detail: '"storyline" must be a storyline id, not "BAD".',
      field: "storyline",
    });
  });
});
