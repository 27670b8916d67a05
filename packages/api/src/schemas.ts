/** Request and response schemas; they drive both validation and the OpenAPI document. */
import { z } from "@hono/zod-openapi";

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

/** An error answer in a route's OpenAPI responses. */
export function problemResponse(description: string) {
  return { description, content: { "application/problem+json": { schema: ProblemSchema } } };
}

export const FeedSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    title: z.string().nullable(),
    createdAt: z.string(),
    status: z.enum(["active", "failing", "disabled"]),
    lastCheckedAt: z.string().nullable(),
    nextCheckAt: z.string(),
    errorCount: z.number(),
    lastError: z.string().nullable(),
    lastStatus: z.number().nullable(),
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

export const StorySchema = z
  .object({
    id: z.string().openapi({ example: "1d6d5fc977bff7a7" }),
    key: z.string(),
    feedId: z.string().nullable(),
    title: z.string(),
    text: z.string(),
    url: z.string().nullable(),
    source: z.string(),
    author: z.string().nullable(),
    language: z.string().nullable(),
    publishedAt: z.string().nullable(),
    fetchedAt: z.string(),
    storylines: z.array(StorylineScoreSchema).optional(),
    framing: z.record(z.string(), z.unknown()).optional(),
    eventId: z.string().nullable().optional(),
    relation: z.enum(["first", "update", "duplicate"]).nullable().optional(),
    novel: z.array(z.string()).optional(),
  })
  .openapi("Story");

export const StoryPageSchema = z
  .object({ stories: z.array(StorySchema), nextCursor: z.string().nullable() })
  .openapi("StoryPage");

export const StoryListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional(),
  feed: z
    .string()
    .regex(/^[0-9a-f]{16}$/, "must be a feed id (16 hex characters)")
    .optional(),
  since: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional(),
});

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

export const FiltersSchema = z
  .object({
    includeLabels: z.array(z.string().max(64)).max(20).optional(),
    excludeLabels: z.array(z.string().max(64)).max(20).optional(),
    maxAnonymousShare: z.number().min(0).max(1).optional(),
  })
  .strict();

export const CreateSubscriptionSchema = z
  .object({
    storylines: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be storyline ids"))
      .min(1)
      .max(50),
    minScore: z.number().min(0).max(1).default(0),
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

export const RotateSecretSchema = z
  .object({
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_SECRET_GRACE_SECONDS)
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
