/** Request and response schemas; they drive both validation and the OpenAPI document. */
import { z } from "@hono/zod-openapi";
import { FRAMING_LABELS } from "@storywire/core";

/** RFC 9457 problem details: the body of every error answer (content type application/problem+json). */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "/problems/invalid_request" }),
    title: z.string().openapi({ example: "A request field is not valid" }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().openapi({ example: '"url" is required.' }),
    code: z
      .string()
      .openapi({ description: "A stable machine-readable name of the problem", example: "invalid_request" }),
    field: z.string().optional().openapi({ description: "The request field that is wrong, as a path", example: "url" }),
  })
  .openapi("Problem");

/** `limit` of a paged list: a whole number from 1 to `max`, `fallback` when absent. */
export function pageLimit(max: number, fallback: number) {
  const error = `must be a whole number from 1 to ${max}`;
  return z.coerce
    .number({ error })
    .int({ error })
    .min(1, { error })
    .max(max, { error })
    .default(fallback)
    .openapi({ description: `How many to answer (1 to ${max})` });
}

/** `cursor` of a paged list: the previous page's nextCursor, as given. */
export const PageCursor = z
  .string()
  .max(2048, { error: "must be the nextCursor of the previous page, as given (at most 2048 characters)" })
  .optional()
  .openapi({ description: "The nextCursor of the previous page" });

/** A score or share: a number from 0 to 1 (`coerce` for query strings). */
export function unitNumber(coerce = false) {
  const error = "must be a number from 0 to 1";
  return (coerce ? z.coerce.number({ error }) : z.number({ error })).min(0, { error }).max(1, { error });
}

/** A storyline id as the storyline schema writes them (the ids of GET /storylines). */
export const STORYLINE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const STORYLINE_ID_RULE =
  "must be a storyline id (lower-case letters, digits and hyphens; GET /storylines lists them)";

/** An error answer in a route's OpenAPI responses. */
export function problemResponse(description: string) {
  return { description, content: { "application/problem+json": { schema: ProblemSchema } } };
}

export const FeedSchema = z
  .object({
    id: z.string().openapi({ example: "3f1c2a9b8d7e6f50" }),
    url: z.string(),
    title: z.string().nullable().openapi({ description: "Your name for the feed (PATCH), else the feed's own title" }),
    createdAt: z.string(),
    status: z.enum(["active", "failing", "disabled", "paused"]).openapi({
      description:
        "active; failing (errors, backing off); disabled (the server said 410 Gone); paused (by you: not fetched until resumed)",
    }),
    lastCheckedAt: z.string().nullable(),
    nextCheckAt: z
      .string()
      .nullable()
      .openapi({ description: "When it is fetched next; null while paused or disabled" }),
    errorCount: z.number().openapi({ description: "Failed fetches in a row (0 after a success)" }),
    lastError: z.string().nullable(),
    lastStatus: z.number().nullable().openapi({ description: "HTTP status of the last fetch" }),
    stories: z.number().int().openapi({ description: "Stories stored from this feed" }),
    folder: z
      .string()
      .nullable()
      .openapi({ description: "Your folder (category) for it: from an OPML import or PATCH; null when none" }),
    lastItems: z
      .object({
        total: z.number().int(),
        stored: z.number().int(),
        known: z.number().int(),
        skipped: z.object({
          overCap: z.number().int(),
          cutOff: z.number().int(),
          empty: z.number().int(),
          duplicate: z.number().int(),
          unreadable: z.number().int(),
          failed: z.number().int(),
        }),
        fullText: z
          .object({
            fetched: z.number().int(),
            extracted: z.number().int(),
            notArticle: z.number().int(),
            failed: z.number().int(),
          })
          .optional()
          .openapi({
            description:
              "Linked pages fetched for summary-only new items: extracted, notArticle (a feed, XML, JSON, a PDF or an image, by Content-Type and by its first bytes: skipped, the story keeps the feed's text), failed. Absent when no page was fetched.",
          }),
      })
      .nullable()
      .optional()
      .openapi({
        description:
          "What the last successful check did with the document's items: total = stored + known + every skipped reason (overCap: past the item cap, the oldest dropped; cutOff: the document ended inside it; empty: no title, link or content; duplicate: repeats another item's key; unreadable; failed: processing failed, see the logs). Absent until the feed is checked.",
      }),
    repairs: z
      .array(z.string())
      .nullable()
      .optional()
      .openapi({
        description:
          'What the forgiving reader repaired in the last document fetched, e.g. "bare-ampersands", "truncated", "invalid-bytes" (README, Forgiving ingest); [] when it was well-formed.',
        example: ["undefined-entities"],
      }),
  })
  .openapi("Feed");

export const FeedPatchSchema = z
  .object({
    paused: z.boolean().optional().openapi({ description: "true pauses the feed; false resumes it, due now" }),
    title: z
      .string()
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: 'Your name for the feed; null or "" goes back to the feed\'s own title' }),
    folder: z
      .string()
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: 'The folder (category) to put it in, as OPML export writes it; null or "" for none' }),
  })
  .strict()
  .refine((patch) => patch.paused !== undefined || patch.title !== undefined || patch.folder !== undefined, {
    message:
      'The request body changes nothing: give "paused" (true pauses the feed, false resumes it), "title" (your ' +
      'name for it, or null for the feed\'s own), "folder" (its folder, or null for none), or several',
  })
  .openapi("FeedPatch", { example: { paused: true, title: "Kyiv Independent (English)" } });

const OpmlEntryRef = z.object({ line: z.number().int(), url: z.string().nullable(), title: z.string().nullable() });

export const OpmlImportSchema = z
  .object({
    added: z.array(OpmlEntryRef.extend({ id: z.string() })).openapi({ description: "Feeds now watched" }),
    existing: z.array(OpmlEntryRef.extend({ id: z.string() })).openapi({ description: "Feeds already watched" }),
    duplicates: z
      .array(OpmlEntryRef.extend({ sameAsLine: z.number().int() }))
      .openapi({ description: "Entries naming a feed an earlier entry of the file already named (in any spelling)" }),
    problems: z
      .array(OpmlEntryRef.extend({ detail: z.string() }))
      .openapi({ description: "Entries that could not be added, each with the reason; the others were" }),
  })
  .openapi("OpmlImport");

export const AddFeedSchema = z
  .object({ url: z.string().min(1).max(2048).openapi({ example: "https://feeds.bbci.co.uk/news/world/rss.xml" }) })
  .strict()
  .openapi("AddFeed");

export const EvidenceSchema = z.object({
  cue: z.string(),
  sentence: z.string(),
  where: z.enum(["title", "lead", "body"]).optional(),
  weight: z.number().optional(),
});

export const StorylineScoreSchema = z.object({
  id: z.string(),
  score: z.number(),
  matched: z.boolean(),
  evidence: z.array(EvidenceSchema),
});

/** The fields every shape of a story has (the list item and the whole story). */
const storyFields = {
  id: z.string().openapi({ example: "1d6d5fc977bff7a7" }),
  key: z.string(),
  feedId: z.string().nullable(),
  title: z.string(),
  url: z.string().nullable(),
  source: z.string(),
  author: z.string().nullable(),
  language: z.string().nullable(),
  publishedAt: z.string().nullable(),
  fetchedAt: z.string(),
  eventId: z.string().nullable().optional(),
  relation: z.enum(["first", "update", "duplicate"]).nullable().optional(),
};

export const StorySchema = z
  .object({
    ...storyFields,
    text: z.string(),
    storylines: z.array(StorylineScoreSchema).optional(),
    framing: z.record(z.string(), z.unknown()).optional(),
    novel: z.array(z.string()).optional(),
  })
  .openapi("Story");

/** A framing summary as lists show it; the full dimensions come with `include=framing` or GET /stories/{id}. */
const FramingSummarySchema = z.object({
  label: z.string().openapi({ example: "neutral-report" }),
  summary: z.string(),
});

/** A story as a list shows it (StorySummary), plus the parts `include` asked for. */
export const StoryListItemSchema = z
  .object({
    ...storyFields,
    storylines: z
      .array(
        z.object({
          id: z.string(),
          score: z.number(),
          matched: z.boolean(),
          evidence: z.array(EvidenceSchema).optional().openapi({ description: "With include=evidence" }),
        }),
      )
      .openapi({ description: "Scores per storyline; `matched` when the story entered it" }),
    framing: z
      .union([FramingSummarySchema, z.record(z.string(), z.unknown())])
      .nullable()
      .openapi({ description: "Label and one-line summary; every dimension with its evidence with include=framing" }),
    text: z.string().optional().openapi({ description: "With include=text: the seed-shaped text" }),
    novel: z.array(z.string()).optional().openapi({ description: "With include=text: the new sentences of an update" }),
  })
  .openapi("StoryListItem");

export const StoryPageSchema = z
  .object({
    stories: z.array(StoryListItemSchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({
        description:
          "Pass as `cursor` for the next page; null on the last page. A page can hold fewer than `limit` stories " +
          "while nextCursor is not null (a very selective filter stopped at its read budget): keep following it.",
      }),
  })
  .openapi("StoryPage");

/** `a,b` or a repeated parameter (`?x=a&x=b`), as a list of non-empty strings. */
const listParam = <T extends z.ZodType>(item: T, description: string, example: string) =>
  z
    .preprocess(
      (value) =>
        (Array.isArray(value) ? value : [value])
          .flatMap((v) => String(v).split(","))
          .map((v) => v.trim())
          .filter((v) => v !== ""),
      z.array(item).min(1).max(20),
    )
    .optional()
    .openapi({ description, example, param: { style: "form", explode: false } });

/** Stories are sorted by times from 1970 to 9999 (the store's keys); an instant outside can name none. */
const ISO_RULE = "must be an ISO 8601 date-time from 1970 to 9999, such as 2025-03-01T00:00:00Z";
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const Iso = z.iso.datetime({ offset: true, error: ISO_RULE }).refine(
  (value) => {
    const at = Date.parse(value);
    return at >= 0 && at <= LAST_INSTANT;
  },
  { error: ISO_RULE },
);

export const STORY_INCLUDES = ["text", "evidence", "framing"] as const;

export const StoryListQuery = z
  .object({
    limit: pageLimit(100, 20),
    cursor: PageCursor,
    storyline: listParam(
      z.string().regex(STORYLINE_ID, { error: STORYLINE_ID_RULE }),
      "Only stories that entered one of these storylines (ids of GET /storylines; an unknown id is refused)",
      "ceasefire,new-start",
    ),
    minScore: unitNumber(true).optional().openapi({
      description: "Only stories scoring at least this in a matched storyline (of `storyline`, when given)",
    }),
    relation: listParam(
      z.enum(["first", "update", "duplicate"]),
      "Only stories placed with one of these relations",
      "first,update",
    ),
    framing: listParam(
      z.enum(FRAMING_LABELS as [string, ...string[]], {
        error: `must be one of the framing labels ${FRAMING_LABELS.join(", ")}`,
      }),
      `Only stories with one of these framing labels: ${FRAMING_LABELS.join(", ")}`,
      "kremlin-aligned",
    ),
    feed: z
      .string()
      .regex(/^[0-9a-f]{16}$/, "must be a feed id (16 hex characters)")
      .optional()
      .openapi({ description: "Only this feed's stories" }),
    source: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "Only stories of this source (case and accents ignored)", example: "BBC News" }),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}$/, "must be a language code such as en")
      .optional()
      .openapi({ description: "Only stories in this language (ISO 639-1)", example: "en" }),
    since: Iso.optional().openapi({ description: "Only stories sorted at or after this instant" }),
    until: Iso.optional().openapi({ description: "Only stories sorted before this instant" }),
    q: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({
        description:
          "Words that must all be indexed words of the story: any word of the title, any name in the text (a " +
          "capitalized word inside a sentence: people, places, organisations, acronyms), or one of the first 50 other " +
          "words of the text. Whole words, case and accents ignored, no phrases or prefixes; one-letter and common " +
          "words (the, and, of...) are ignored",
        example: "Witkoff ceasefire",
      }),
    include: listParam(
      z.enum(STORY_INCLUDES),
      "Parts to add to each story: text (and the novel sentences of an update), evidence (of the storyline scores), framing (every dimension with its evidence)",
      "text,evidence",
    ),
  })
  .strict();

export const IdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{16}$/, "must be 16 lowercase hex characters")
    .openapi({ param: { name: "id", in: "path" } }),
});

const HttpUrl = z.string().min(1).max(2048);

export const ChannelSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("webhook"), url: HttpUrl }).strict(),
    z.object({ type: z.literal("slack"), url: HttpUrl }).strict(),
    z.object({ type: z.literal("discord"), url: HttpUrl }).strict(),
    z.object({ type: z.literal("email"), to: z.email({ message: "must be an email address" }) }).strict(),
    z.object({ type: z.literal("feed") }).strict(),
  ])
  .openapi("Channel");

const FramingLabel = z.enum(FRAMING_LABELS as [string, ...string[]], {
  error: `must be one of the framing labels ${FRAMING_LABELS.join(", ")}`,
});

export const FiltersSchema = z
  .object({
    includeLabels: z.array(FramingLabel).max(20).optional(),
    excludeLabels: z.array(FramingLabel).max(20).optional(),
    maxAnonymousShare: unitNumber().optional(),
  })
  .strict();

export const CreateSubscriptionSchema = z
  .object({
    storylines: z
      .array(z.string().regex(STORYLINE_ID, { error: STORYLINE_ID_RULE }))
      .min(1, { error: "must name at least one storyline (GET /storylines lists them)" })
      .max(50, { error: "must name at most 50 storylines" }),
    minScore: unitNumber().default(0),
    filters: FiltersSchema.default({}),
    mode: z.enum(["immediate", "hourly", "daily"]).default("immediate"),
    channel: ChannelSchema,
  })
  .strict()
  .openapi("CreateSubscription", {
    example: { storylines: ["new-start"], channel: { type: "webhook", url: "https://example.org/hooks/storywire" } },
  });

export const SubscriptionSchema = z
  .object({
    id: z.string(),
    storylines: z.array(z.string()),
    minScore: z.number(),
    filters: FiltersSchema,
    mode: z.enum(["immediate", "hourly", "daily"]),
    channel: z.object({ type: z.string(), url: z.string().optional(), to: z.string().optional() }),
    status: z.enum(["active", "disabled"]),
    createdAt: z.string(),
    failingSince: z.string().nullable(),
    disabledAt: z.string().nullable(),
    disabledReason: z.string().nullable(),
    lastDeliveryAt: z.string().nullable(),
    secretRotatedAt: z.string().nullable().openapi({ description: "When the signing secret was last rotated." }),
    previousSecretExpiresAt: z.string().nullable().openapi({
      description: "Until when the secret replaced by the last rotation still signs (beside the new one).",
    }),
    feeds: z.object({ atom: z.string(), json: z.string() }),
  })
  .openapi("Subscription");

export const SubscriptionPageSchema = z
  .object({ subscriptions: z.array(SubscriptionSchema), nextCursor: z.string().nullable() })
  .openapi("SubscriptionPage");

/** One day: long enough for a receiver to deploy the new secret, short enough that a leaked one dies soon. */
export const DEFAULT_SECRET_GRACE_SECONDS = 86_400;
export const MAX_SECRET_GRACE_SECONDS = 7 * 86_400;
const GRACE_RULE = `must be a whole number of seconds from 0 to ${MAX_SECRET_GRACE_SECONDS} (a week)`;

export const RotateSecretSchema = z
  .object({
    gracePeriodSeconds: z
      .number({ error: GRACE_RULE })
      .int({ error: GRACE_RULE })
      .min(0, { error: GRACE_RULE })
      .max(MAX_SECRET_GRACE_SECONDS, { error: GRACE_RULE })
      .default(DEFAULT_SECRET_GRACE_SECONDS)
      .openapi({
        description:
          "How long the old secret keeps signing beside the new one (webhook-signature then carries both). 0 ends it now.",
      }),
  })
  .strict()
  .openapi("RotateSecret");

export const RotatedSecretSchema = z
  .object({
    id: z.string(),
    secret: z.string().openapi({ description: "The new signing secret (whsec_...). Shown only in this response." }),
    secretRotatedAt: z.string(),
    previousSecretExpiresAt: z.string().nullable(),
  })
  .openapi("RotatedSecret");

export const CreatedSubscriptionSchema = SubscriptionSchema.extend({
  secret: z.string().openapi({ description: "The webhook signing secret (whsec_...). Shown only in this response." }),
  key: z.string().openapi({
    description:
      "This subscription's own API key (swsub_...): it reads and manages only this subscription. Shown only here.",
  }),
}).openapi("CreatedSubscription");

export const DeliverySchema = z
  .object({
    id: z.string(),
    subscriptionId: z.string(),
    storyId: z.string(),
    storylineId: z.string().nullable(),
    state: z.enum(["pending", "sending", "delivered", "retrying", "failed"]),
    attempt: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastStatus: z.number().nullable(),
  })
  .openapi("Delivery");
