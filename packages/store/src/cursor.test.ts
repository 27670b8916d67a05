import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { InvalidCursor } from "./errors.ts";

const scope = { attributes: ["gsi1pk", "gsi1sk", "pk", "sk"], partitionAttribute: "gsi1pk", partitionValue: "STORIES" };
const position = { gsi1pk: "STORIES", gsi1sk: "2025-01-01T00:00:00.000Z#abc", pk: "STORY#abc", sk: "STORY" };
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("cursors", () => {
  it("round-trips a position through an opaque url-safe string", () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, scope)).toEqual(position);
  });

  it.each([
    ["not a string", 42, "a cursor is a string"],
    ["empty", "", "1 to 2048 characters"],
    ["with padding or punctuation", `${encodeCursor(position)}==`, "never appear in a cursor"],
    ["not JSON", Buffer.from("{oops").toString("base64url"), "does not decode to a page position"],
    ["JSON null", encode(null), "does not decode to a page position"],
    ["missing an attribute", encode({ gsi1pk: "STORIES", gsi1sk: "x", pk: "p" }), "belongs to a different list"],
    ["an extra attribute", encode({ ...position, admin: "yes" }), "belongs to a different list"],
    ["an empty value", encode({ ...position, sk: "" }), "its position is malformed"],
    ["a nested object", encode({ ...position, pk: { S: "x" } }), "its position is malformed"],
    ["another partition", encode({ ...position, gsi1pk: "ALERTS#sco" }), "belongs to a different list"],
  ])("refuses a cursor %s", (_name, cursor, reason) => {
    expect(() => decodeCursor(cursor, scope)).toThrow(InvalidCursor);
    expect(() => decodeCursor(cursor, scope)).toThrow(reason);
  });
});
