/**
 * Every error answer is an RFC 9457 problem document with the same members, whatever produced it: a missing
 * route, a wrong method, a body too large, a missing key, a field that fails validation, a thrown ApiError.
 */

import { fakeDeps } from "@storywire/api/test-support/dashboard";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";

const deps = fakeDeps({});
const app = createApp(deps);
const admin = { authorization: `Bearer ${deps.adminKey}`, "content-type": "application/json" };

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(
    ["code", "detail", "status", "title", "type", ...(body.field === undefined ? [] : ["field"])].sort(),
  );
  expect(body.status).toBe(res.status);
  expect(body.type).toBe(`/problems/${body.code}`);
  expect(String(body.detail)).toMatch(/^[\s\S]{10,}[.?]$/);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
  return body;
}

describe("problem+json on every error", () => {
  it("404 for an unknown route", async () => {
    const body = await problemOf(await app.request("/nowhere"));
    expect(body).toMatchObject({ status: 404, code: "not_found", title: "Not found" });
  });

  it("405 with Allow for a known path and a wrong method", async () => {
    const res = await app.request("/feeds", { method: "PUT" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "POST"]);
    expect((await problemOf(res)).detail).toMatch(/PUT is not allowed on \/feeds/);
  });

  it("405 on a path with a parameter", async () => {
    const res = await app.request("/stories/0123456789abcdef", { method: "POST" });
    expect(res.status).toBe(405);
    await problemOf(res);
  });

  it("413 for a body over the limit", async () => {
    const res = await app.request("/feeds", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ url: "x".repeat(100_000) }),
    });
    expect(res.status).toBe(413);
    expect(await problemOf(res)).toMatchObject({ code: "body_too_large" });
  });

  it("401 without a key", async () => {
    const res = await app.request("/feeds", { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
    expect(await problemOf(res)).toMatchObject({ code: "unauthorized" });
  });

  it("400 naming the field that is wrong", async () => {
    const res = await app.request("/feeds", { method: "POST", headers: admin, body: JSON.stringify({ url: 42 }) });
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({ code: "invalid_request", field: "url" });
  });

  it("400 naming an unknown field", async () => {
    const res = await app.request("/feeds", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ url: "https://example.com/feed", extra: 1 }),
    });
    expect(await problemOf(res)).toMatchObject({ field: "extra" });
  });

  it("400 for malformed JSON", async () => {
    const res = await app.request("/feeds", { method: "POST", headers: admin, body: "{nope" });
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({ code: "bad_request" });
  });

  it("a thrown ApiError keeps its code", async () => {
    const res = await app.request("/stories/0123456789abcdef");
    expect(res.status).toBe(404);
    await problemOf(res);
  });

  it("the problem type URI answers with its title", async () => {
    const res = await app.request("/problems/not_found");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: "/problems/not_found", title: "Not found", code: "not_found" });
    expect((await app.request("/problems/no_such_type")).status).toBe(404);
  });
});
