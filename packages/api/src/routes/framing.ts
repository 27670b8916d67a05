/**
 * GET /framing/lexicon: the word lists framing is scored with, exactly the data the scorer loaded
 * (packages/core/src/scoring/framing-lexicon.json, validated by its schema at load), so an analyst can see why a
 * story got its framing label and propose changes to the one file. Public, like every read; cacheable by ETag.
 */
import { createHash } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { FRAMING_LABELS, framingLexicon } from "@storywire/core";

const LexiconSchema = z.record(z.string(), z.unknown()).openapi("FramingLexicon", {
  description:
    "The framing lexicon: attribution and source lists (sources.anonymous, stateMedia, kremlin, ukrainian, " +
    "western, analysts, otherNamed), unnamedPerson, stance cues with weights (aggressor, peacemaker), negators, " +
    "distancing, russiaSide, aimedAt, naming forms with weights (namingRussian, namingUkrainian), loaded, hedging, " +
    "contrast, contrastClause and the Media Frames lexicons (frames). A phrase is a string or " +
    '{ "phrase", "caseSensitive" }; a trailing * matches a word prefix.',
});

const lexicon = createRoute({
  method: "get",
  path: "/framing/lexicon",
  summary: "The framing lexicon stories are scored with (the data file the scorer loads), and the framing labels",
  responses: {
    200: {
      description: "The lexicon as the scorer uses it",
      headers: { ETag: { schema: { type: "string" }, description: "Changes when the lexicon does" } },
      content: {
        "application/json": {
          schema: z.object({
            labels: z.array(z.string()).openapi({ description: "The framing labels a story can get" }),
            lexicon: LexiconSchema,
          }),
        },
      },
    },
    304: { description: "Not modified (If-None-Match matched the ETag)" },
  },
});

export function registerFramingRoutes(app: OpenAPIHono): void {
  const body = JSON.stringify({ labels: FRAMING_LABELS, lexicon: framingLexicon });
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  app.openapi(lexicon, (c) => {
    const headers = { etag, "cache-control": "public, max-age=300" };
    const match = c.req.header("if-none-match");
    if (match?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, "content-type": "application/json; charset=utf-8" });
  });
}
