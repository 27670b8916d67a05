/**
 * The storyline routes on the local stack: create (JSON and query), compile, read, edit, delete, restore and
 * rescore, each with its success, validation errors, missing or wrong keys (401) and unknown ids (404).
 */

import { hexId, makeStory } from "@storywire/store/test-support/records";
import type { LocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, startTestStack, TEST_ADMIN_KEY } from "./support/stack.ts";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = adminHeaders) {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Json } as Answer;
}

/** A problem document: the status, code and field, and a detail that is a sentence. */
function expectProblem(answer: Answer, status: number, code: string, field?: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(answer.body).toMatchObject({ status, code, type: `/problems/${code}` });
  expect(answer.body.field).toBe(field);
  expect(String(answer.body.detail)).toMatch(/[.]$/);
}

const arms = {
  id: "arms-control",
  title: "Arms control",
  cues: [
    { phrase: "New START", weight: 6, caseSensitive: true },
    { phrase: "arms control", weight: 4 },
  ],
};

const NO_KEY = { "content-type": "application/json" };
const WRONG_KEY = { ...NO_KEY, authorization: "Bearer not-the-admin-key" };

describe("POST /storylines", () => {
  it("creates a storyline from its JSON and answers with the whole definition", async () => {
    const res = await call("POST", "/storylines", arms);
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/storylines/arms-control");
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.body).toMatchObject({
      ...arms,
      description: "",
      threshold: 0.5,
      gates: [],
      exclusions: [],
      contexts: {},
      minParagraphs: 1,
      saturation: 10,
    });
    const read = await call("GET", "/storylines/arms-control");
    expect(read.body).toEqual(res.body);
    const list = await call("GET", "/storylines", undefined, {});
    expect(list.body.storylines).toContainEqual(
      expect.objectContaining({ id: "arms-control", origin: "user", query: null, revision: 1 }),
    );
  });

  it("creates a storyline from a search-style query and answers with what it compiled to", async () => {
    const res = await call("POST", "/storylines", { query: '"New START" OR "strategic arms" -Iran' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: "new-start-strategic-arms",
      title: '"New START" OR "strategic arms" -Iran',
      cues: [{ phrase: "New START", caseSensitive: true }, { phrase: "strategic arms" }],
      exclusions: [{ label: "excluded by the query: -Iran" }],
    });
    const list = await call("GET", "/storylines", undefined, {});
    expect(list.body.storylines).toContainEqual(
      expect.objectContaining({ id: "new-start-strategic-arms", query: '"New START" OR "strategic arms" -Iran' }),
    );
  });

  it("takes back a definition it served, as a copy under a new id", async () => {
    const ceasefire = await call("GET", "/storylines/ceasefire");
    expect(ceasefire.status).toBe(200);
    const copy = await call("POST", "/storylines", { ...ceasefire.body, id: "ceasefire-copy" });
    expect(copy.status).toBe(201);
    expect(copy.body).toEqual({ ...ceasefire.body, id: "ceasefire-copy" });
  });

  it.each([
    [
      "an empty phrase",
      { ...arms, id: "x1", cues: [...arms.cues, { phrase: "treaty", weight: 1 }, { phrase: " ", weight: 1 }] },
      "invalid_storyline",
      "cues[3].phrase",
      /^The storyline is not valid: cues\[3\]\.phrase: must not be empty\. Fix this field/,
    ],
    [
      "several wrong fields",
      { ...arms, id: "x2", threshold: 2, cues: [{ phrase: "a", weight: 11 }] },
      "invalid_storyline",
      "cues[0].weight",
      /cues\[0\]\.weight: must be a number between 0 and 10; threshold: must be a number between 0 and 1\. Fix these fields/,
    ],
    ["an unknown field", { ...arms, id: "x3", colour: "red" }, "invalid_storyline", "colour", /colour: is not a field/],
    ["a missing id", { title: "t", cues: arms.cues }, "invalid_storyline", "id", /id: is required/],
    [
      "an unknown context",
      { ...arms, id: "x4", cues: [{ phrase: "a", weight: 1, near: [{ contexts: ["nowhere"] }] }] },
      "invalid_storyline",
      "cues[0].near[0].contexts[0]",
      /names an unknown context "nowhere"/,
    ],
    ["a bad query", { query: "a OR" }, "invalid_query", "query", /^The query is not valid: at character 5: OR needs/],
    [
      "a query with schema fields",
      { query: "a", cues: [] },
      "invalid_storyline",
      "cues",
      /cannot be combined with "query"/,
    ],
  ])("refuses %s, naming the field", async (_, body, code, field, detail) => {
    const res = await call("POST", "/storylines", body);
    expectProblem(res, 400, code, field);
    expect(res.body.detail).toMatch(detail);
  });

  it("refuses a body that is not JSON, or is a list", async () => {
    expectProblem(await call("POST", "/storylines", "{not json"), 400, "bad_request");
    expectProblem(await call("POST", "/storylines", []), 400, "invalid_storyline");
  });

  it("refuses an id that exists, built in or not", async () => {
    expectProblem(await call("POST", "/storylines", { ...arms, id: "sco" }), 409, "conflict");
    const again = await call("POST", "/storylines", arms);
    expectProblem(again, 409, "conflict");
    expect(again.body.detail).toMatch(/PATCH \/storylines\/arms-control changes it/);
  });

  it.each([
    ["no key", NO_KEY],
    ["a wrong key", WRONG_KEY],
  ])("answers 401 to %s", async (_, headers) => {
    expectProblem(await call("POST", "/storylines", arms, headers), 401, "unauthorized");
  });
});

describe("POST /storylines/compile", () => {
  it("compiles without saving, with its notes", async () => {
    const res = await call("POST", "/storylines/compile", { query: "Putin NEAR/10 Xi", id: "putin-xi" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ storyline: { id: "putin-xi" }, notes: [expect.stringMatching(/same sentence/)] });
    expectProblem(await call("GET", "/storylines/putin-xi"), 404, "not_found");
  });

  it("refuses a bad query and a body without one", async () => {
    expectProblem(await call("POST", "/storylines/compile", { query: '"open' }), 400, "invalid_query", "query");
    expectProblem(await call("POST", "/storylines/compile", arms), 400, "invalid_query", "query");
  });

  it("needs the admin key", async () => {
    expectProblem(await call("POST", "/storylines/compile", { query: "a" }, NO_KEY), 401, "unauthorized");
  });
});

describe("GET /storylines/{id}", () => {
  it("answers a built-in storyline with revision 0", async () => {
    const res = await call("GET", "/storylines/sco");
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"0"');
    expect(res.body).toMatchObject({ id: "sco", minParagraphs: 2 });
  });

  it("answers 404 for an unknown id and 400 for an id that cannot be one", async () => {
    const missing = await call("GET", "/storylines/no-such-storyline");
    expectProblem(missing, 404, "not_found");
    expect(missing.body.detail).toMatch(/GET \/storylines lists them/);
    expectProblem(await call("GET", "/storylines/Not_An_Id"), 400, "invalid_request", "id");
  });

  it.each([
    ["no key", NO_KEY],
    ["a wrong key", WRONG_KEY],
  ])("answers 401 to %s", async (_, headers) => {
    expectProblem(await call("GET", "/storylines/sco", undefined, headers), 401, "unauthorized");
  });
});

describe("PATCH /storylines/{id}", () => {
  beforeAll(async () => {
    await call("POST", "/storylines", { ...arms, id: "to-edit" });
  });

  it("merges a JSON Merge Patch and moves the revision", async () => {
    const res = await call("PATCH", "/storylines/to-edit", { threshold: 0.4, description: "Mine." });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"2"');
    expect(res.body).toMatchObject({ id: "to-edit", threshold: 0.4, description: "Mine.", cues: arms.cues });
    const reset = await call("PATCH", "/storylines/to-edit", { threshold: null });
    expect(reset.body.threshold).toBe(0.5);
  });

  it("compiles a new query, keeping the title", async () => {
    const res = await call("PATCH", "/storylines/to-edit", { query: "Ryabkov OR Lavrov" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: "to-edit",
      title: "Arms control",
      cues: [{ phrase: "Ryabkov" }, { phrase: "Lavrov" }],
    });
  });

  it("writes the description (and title) of a new query anew, even after a merge patch dropped the query", async () => {
    const created = await call("POST", "/storylines", { id: "from-query", query: "Ryabkov" });
    expect(created.body).toMatchObject({ title: "Ryabkov", description: "Built from the query: Ryabkov." });
    // A merge patch edits the compiled JSON: the storyline no longer has a query, but keeps what it was built with.
    const edited = await call("PATCH", "/storylines/from-query", { threshold: 0.35 });
    expect(edited.status).toBe(200);
    const listed = await call("GET", "/storylines", undefined, {});
    expect(listed.body.storylines).toContainEqual(expect.objectContaining({ id: "from-query", query: null }));
    const requeried = await call("PATCH", "/storylines/from-query", { query: "Lavrov OR Ryabkov" });
    expect(requeried.status).toBe(200);
    expect(requeried.body).toMatchObject({
      title: "Lavrov OR Ryabkov",
      description: "Built from the query: Lavrov OR Ryabkov.",
    });
  });

  it("keeps a description and a title the user wrote when a new query is compiled", async () => {
    await call("POST", "/storylines", { id: "own-words", query: "Ryabkov", title: "Ryabkov watch" });
    await call("PATCH", "/storylines/own-words", { description: "What Ryabkov says about arms control." });
    const res = await call("PATCH", "/storylines/own-words", { query: "Ryabkov OR Lavrov" });
    expect(res.body).toMatchObject({
      title: "Ryabkov watch",
      description: "What Ryabkov says about arms control.",
      cues: [{ phrase: "Ryabkov" }, { phrase: "Lavrov" }],
    });
  });

  it.each([
    ["a NUL in the title", { title: "Arms\u0000control" }, "title", /U\+0000/],
    ["a right-to-left override in the title", { title: "Arms \u202econtrol" }, "title", /U\+202E RIGHT-TO-LEFT/],
    ["an isolate in a cue", { cues: [{ phrase: "New\u2066 START", weight: 5 }] }, "cues[0].phrase", /ISOLATE/],
    ["an escape in the description", { description: "a\u001b[31m red" }, "description", /U\+001B/],
    ["a bidi override in a query", { query: "Ryabkov \u202eOR Lavrov" }, "query", /U\+202E/],
    ["a NUL in a query", { query: "Ryab\u0000kov" }, "query", /U\+0000/],
  ])("refuses %s, naming the field", async (_, body, field, detail) => {
    const res = await call("PATCH", "/storylines/to-edit", body);
    expectProblem(res, 400, field === "query" ? "invalid_query" : "invalid_storyline", field);
    expect(String(res.body.detail)).toMatch(detail);
    const created = await call("POST", "/storylines", { ...("query" in body ? {} : arms), id: "hostile", ...body });
    expectProblem(created, 400, field === "query" ? "invalid_query" : "invalid_storyline", field);
  });

  it("edits a built-in storyline, which then overrides the built-in one", async () => {
    const res = await call("PATCH", "/storylines/new-start", { threshold: 0.6 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: "new-start", threshold: 0.6 });
    const list = await call("GET", "/storylines", undefined, {});
    expect(list.body.storylines).toContainEqual(expect.objectContaining({ id: "new-start", origin: "edited" }));
    expect((await stack.storylines.list()).find((s) => s.id === "new-start")?.threshold).toBe(0.6);
  });

  it("honours If-Match: 412 when the storyline changed since it was read", async () => {
    const current = await call("GET", "/storylines/to-edit");
    const etag = current.headers.get("etag") ?? "";
    const stale = await call(
      "PATCH",
      "/storylines/to-edit",
      { threshold: 0.45 },
      { ...adminHeaders, "if-match": '"1"' },
    );
    expectProblem(stale, 412, "precondition_failed");
    const fresh = await call(
      "PATCH",
      "/storylines/to-edit",
      { threshold: 0.45 },
      { ...adminHeaders, "if-match": etag },
    );
    expect(fresh.status).toBe(200);
  });

  it.each([
    ["a bad value", { threshold: 3 }, "invalid_storyline", "threshold"],
    ["removing a required field", { title: null }, "invalid_storyline", "title"],
    ["a new id", { id: "renamed" }, "invalid_storyline", "id"],
    ["a bad query", { query: "(a" }, "invalid_query", "query"],
  ])("refuses %s, naming the field", async (_, body, code, field) => {
    expectProblem(await call("PATCH", "/storylines/to-edit", body), 400, code, field);
  });

  it("answers 404 for an unknown id and 401 without the key", async () => {
    expectProblem(await call("PATCH", "/storylines/no-such-storyline", { threshold: 0.4 }), 404, "not_found");
    expectProblem(await call("PATCH", "/storylines/to-edit", { threshold: 0.4 }, NO_KEY), 401, "unauthorized");
  });
});

describe("DELETE /storylines/{id} and POST /storylines/{id}/restore", () => {
  it("deletes a storyline of one's own", async () => {
    await call("POST", "/storylines", { ...arms, id: "to-delete" });
    const res = await fetch(`${stack.url}/storylines/to-delete`, { method: "DELETE", headers: adminHeaders });
    expect(res.status).toBe(204);
    expectProblem(await call("GET", "/storylines/to-delete"), 404, "not_found");
    expectProblem(await call("DELETE", "/storylines/to-delete"), 404, "not_found");
  });

  it("hides a built-in storyline, and restore brings it back as it ships", async () => {
    await call("PATCH", "/storylines/ceasefire", { threshold: 0.9 });
    expect((await call("DELETE", "/storylines/ceasefire")).status).toBe(204);
    const hidden = await call("GET", "/storylines/ceasefire");
    expectProblem(hidden, 404, "not_found");
    expect(hidden.body.detail).toMatch(/was deleted; POST \/storylines\/ceasefire\/restore brings it back/);
    expect((await stack.storylines.list()).map((s) => s.id)).not.toContain("ceasefire");

    const restored = await call("POST", "/storylines/ceasefire/restore");
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: "ceasefire", threshold: 0.5 });
    expect((await stack.storylines.list()).map((s) => s.id)).toContain("ceasefire");
  });

  it("refuses to delete a storyline that subscriptions use, naming them", async () => {
    await call("POST", "/storylines", { ...arms, id: "subscribed" });
    const sub = await call("POST", "/subscriptions", { storylines: ["subscribed"], channel: { type: "feed" } });
    expect(sub.status).toBe(201);
    const res = await call("DELETE", "/storylines/subscribed");
    expectProblem(res, 409, "conflict");
    expect(res.body.detail).toBe(
      `The storyline "subscribed" is used by 1 subscription (${sub.body.id}); delete it (DELETE /subscriptions/{id}) before deleting the storyline.`,
    );
    await call("DELETE", `/subscriptions/${sub.body.id}`);
    expect((await call("DELETE", "/storylines/subscribed")).status).toBe(204);
  });

  it("answers 412 to a stale If-Match, 409 to restoring a storyline that is not built in, 404 to an unknown one, 401 without the key", async () => {
    await call("POST", "/storylines", { ...arms, id: "guarded" });
    expectProblem(
      await call("DELETE", "/storylines/guarded", undefined, { ...adminHeaders, "if-match": '"7"' }),
      412,
      "precondition_failed",
    );
    expectProblem(await call("POST", "/storylines/guarded/restore"), 409, "conflict");
    expectProblem(await call("POST", "/storylines/no-such-storyline/restore"), 404, "not_found");
    expectProblem(await call("DELETE", "/storylines/guarded", undefined, NO_KEY), 401, "unauthorized");
    expectProblem(await call("POST", "/storylines/sco/restore", undefined, WRONG_KEY), 401, "unauthorized");
  });
});

describe("POST /storylines/{id}/rescore", () => {
  beforeAll(async () => {
    for (let i = 1; i <= 3; i++) {
      const at = `2025-06-0${i}T10:00:00.000Z`;
      await stack.store.putStory(
        makeStory({
          id: hexId(0x900 + i),
          title: `Lavrov and Ryabkov discuss arms control, day ${i}`,
          text: `Sergei Ryabkov said on day ${i} that talks on New START with ${i * 100} officials would continue.`,
          publishedAt: at,
          fetchedAt: at,
          fingerprint: undefined,
        }),
      );
    }
    await call("POST", "/storylines", { id: "ryabkov", query: "Ryabkov" });
  });

  it("rescores a window in pages until nextCursor is null", async () => {
    const first = await call(
      "POST",
      "/storylines/ryabkov/rescore?since=2025-06-01T00:00:00Z&until=2025-06-30T00:00:00Z&limit=2",
    );
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ storyline: "ryabkov", scanned: 2, entered: 2, nextCursor: expect.any(String) });
    expect(first.body.next).toMatch(/\/storylines\/ryabkov\/rescore\?cursor=.+&limit=2$/);
    const second = await call("POST", String(first.body.next).replace(stack.url, ""));
    expect(second.body).toMatchObject({ scanned: 1, entered: 1, nextCursor: null, next: null });
    expect((await stack.store.listEvents("ryabkov")).items.length).toBeGreaterThan(0);
  });

  it.each([
    ["without since", "", "invalid_request", "since"],
    ["with a bad since", "?since=last-week", "invalid_request", "since"],
    ["with a forged cursor", "?cursor=abc", "invalid_cursor", "cursor"],
    ["with a limit too large", "?since=2025-06-01T00:00:00Z&limit=5000", "invalid_request", "limit"],
  ])("answers 400 %s", async (_, query, code, field) => {
    expectProblem(await call("POST", `/storylines/ryabkov/rescore${query}`), 400, code, field);
  });

  it("answers 404 for an unknown storyline and 401 without the key", async () => {
    expectProblem(
      await call("POST", "/storylines/no-such-storyline/rescore?since=2025-06-01T00:00:00Z"),
      404,
      "not_found",
    );
    expectProblem(
      await call("POST", "/storylines/ryabkov/rescore?since=2025-06-01T00:00:00Z", undefined, {
        authorization: `Bearer ${TEST_ADMIN_KEY}x`,
      }),
      401,
      "unauthorized",
    );
  });
});

describe("the OpenAPI document", () => {
  it("describes every storyline route", async () => {
    const doc = (await call("GET", "/openapi.json", undefined, {})).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths["/storylines"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/storylines/{id}"] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
    for (const path of ["/storylines/compile", "/storylines/{id}/restore", "/storylines/{id}/rescore"]) {
      expect(Object.keys(doc.paths[path] ?? {})).toEqual(["post"]);
    }
  });
});
