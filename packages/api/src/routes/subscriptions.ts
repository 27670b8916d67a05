import { randomBytes } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { generateFeedToken } from "@storywire/channels/feed";
import { generateWebhookSecret } from "@storywire/channels/webhook/secret";
import { StorylineCatalog } from "@storywire/pipeline/storylines";
import { Conflict, type Delivery, type Subscription } from "@storywire/store";
import type { Context } from "hono";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { mayAccess, principalOf, requireAdmin, requireKey, subscriptionKey } from "../middleware/auth.ts";
import {
  CreatedSubscriptionSchema,
  CreateSubscriptionSchema,
  DeliverySchema,
  IdParam,
  PageCursor,
  pageLimit,
  problemResponse,
  RotatedSecretSchema,
  RotateSecretSchema,
  SubscriptionPageSchema,
  SubscriptionSchema,
} from "../schemas.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const errors = {
  401: problemResponse("Missing or wrong API key"),
  404: problemResponse("No such subscription"),
};
const secured = { security: [{ adminKey: [] }] };

const list = createRoute({
  method: "get",
  path: "/subscriptions",
  summary:
    "The subscriptions, oldest first, in pages: every one for the admin key; for a subscription key, only its own",
  ...secured,
  request: {
    query: z.object({
      limit: pageLimit(100, 20),
      cursor: PageCursor,
    }),
  },
  responses: {
    200: json(SubscriptionPageSchema, "A page of subscriptions"),
    400: problemResponse("Invalid limit or cursor"),
    401: problemResponse("Missing or wrong API key"),
  },
});
const rotateSecret = createRoute({
  method: "post",
  path: "/subscriptions/{id}/rotate-secret",
  summary:
    "Replace the webhook signing secret; the old one keeps signing beside it for a grace period (Standard Webhooks)",
  ...secured,
  request: {
    params: IdParam,
    body: { required: false, content: { "application/json": { schema: RotateSecretSchema } } },
  },
  responses: {
    200: json(RotatedSecretSchema, "The new secret, shown only here"),
    400: problemResponse("Invalid grace period"),
    409: problemResponse("Another rotation changed the secret at the same moment"),
    ...errors,
  },
});
const create = createRoute({
  method: "post",
  path: "/subscriptions",
  summary: "Subscribe a channel to storyline alerts; the answer holds the signing secret, shown only once",
  ...secured,
  request: { body: { required: true, content: { "application/json": { schema: CreateSubscriptionSchema } } } },
  responses: {
    201: json(CreatedSubscriptionSchema, "Created"),
    400: problemResponse("Invalid subscription"),
    409: problemResponse("A storyline it names was deleted at the same moment"),
    ...errors,
  },
});
const get = createRoute({
  method: "get",
  path: "/subscriptions/{id}",
  summary: "A subscription and the health of its endpoint",
  ...secured,
  request: { params: IdParam },
  responses: { 200: json(SubscriptionSchema, "The subscription"), ...errors },
});
const remove = createRoute({
  method: "delete",
  path: "/subscriptions/{id}",
  summary: "Unsubscribe",
  ...secured,
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...errors },
});
const test = createRoute({
  method: "post",
  path: "/subscriptions/{id}/test",
  summary: "Send a storyline.test alert through the subscription's channel now",
  ...secured,
  request: { params: IdParam },
  responses: {
    200: json(
      z.object({ ok: z.boolean(), status: z.number().nullable(), error: z.string().nullable() }),
      "What the endpoint answered (its body is never stored or shown)",
    ),
    ...errors,
  },
});
const deliveries = createRoute({
  method: "get",
  path: "/subscriptions/{id}/deliveries",
  summary: "The subscription's deliveries, newest first, with their state and last error",
  ...secured,
  request: {
    params: IdParam,
    query: z.object({
      limit: pageLimit(100, 20),
      cursor: PageCursor,
    }),
  },
  responses: {
    200: json(
      z.object({ deliveries: z.array(DeliverySchema), nextCursor: z.string().nullable() }),
      "A page of deliveries",
    ),
    ...errors,
  },
});
const replay = createRoute({
  method: "post",
  path: "/deliveries/{id}/replay",
  summary: "Send a failed delivery again",
  ...secured,
  request: { params: IdParam },
  responses: {
    202: json(DeliverySchema, "Queued again"),
    409: problemResponse("Only failed deliveries can be replayed"),
    ...errors,
  },
});

export function publicSubscription(sub: Subscription, publicUrl: string) {
  const { secret: _secret, previousSecret: _previous, feedToken, ...rest } = sub;
  return {
    ...rest,
    secretRotatedAt: sub.secretRotatedAt ?? null,
    previousSecretExpiresAt: sub.previousSecretExpiresAt ?? null,
    feeds: { atom: `${publicUrl}/alerts/${feedToken}.atom`, json: `${publicUrl}/alerts/${feedToken}.json` },
  };
}

function publicDelivery(d: Delivery) {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    storyId: d.storyId,
    storylineId: d.storylineId,
    state: d.state,
    attempt: d.attempt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    nextAttemptAt: d.nextAttemptAt,
    deliveredAt: d.deliveredAt,
    failedAt: d.failedAt,
    lastError: d.lastError,
    lastStatus: d.lastStatus,
  };
}

/** The subscription, or a 404 when it does not exist or the request's key belongs to another subscription. */
async function loadSubscription(deps: ApiDeps, c: Context, id: string): Promise<Subscription> {
  const sub = mayAccess(c, id) ? await deps.store.getSubscription(id) : null;
  if (!sub) throw new ApiError(404, "not_found", `No subscription has the id ${id}.`);
  return sub;
}

export function registerSubscriptionRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  // Listing answers what the key may see; creating needs the admin key (a subscription key gets 403).
  const admin = requireAdmin(deps.adminKey);
  const anyKey = requireKey(deps.adminKey);
  // Its checks read the store afresh; without the runtime's own catalog there is no storylines file either.
  const catalog = deps.storylineCatalog ?? new StorylineCatalog({ store: deps.store });
  app.use("/subscriptions", (c, next) => (c.req.method === "POST" ? admin(c, next) : anyKey(c, next)));
  app.use("/subscriptions/*", anyKey);
  app.use("/deliveries/*", anyKey);

  app.openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const principal = principalOf(c);
    if (principal?.kind === "subscription") {
      // A subscription key sees its own subscription, as a list of one.
      const own = cursor ? null : await deps.store.getSubscription(principal.subscriptionId);
      return c.json({ subscriptions: own ? [publicSubscription(own, deps.publicUrl)] : [], nextCursor: null }, 200);
    }
    const page = await deps.store.listSubscriptionsPage({ limit, cursor });
    return c.json(
      { subscriptions: page.items.map((sub) => publicSubscription(sub, deps.publicUrl)), nextCursor: page.cursor },
      200,
    );
  });

  app.openapi(rotateSecret, async (c) => {
    const { id } = c.req.valid("param");
    const { gracePeriodSeconds } = RotateSecretSchema.parse(c.req.valid("json") ?? {});
    await loadSubscription(deps, c, id);
    const now = deps.now?.() ?? new Date();
    const secret = generateWebhookSecret();
    const rotated = await deps.store.rotateSubscriptionSecret(id, {
      secret,
      now,
      previousValidUntil: new Date(now.getTime() + gracePeriodSeconds * 1000),
    });
    return c.json(
      {
        id,
        secret,
        secretRotatedAt: rotated.secretRotatedAt ?? now.toISOString(),
        previousSecretExpiresAt: rotated.previousSecretExpiresAt ?? null,
      },
      200,
    );
  });

  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const known = new Set((await deps.storylines()).map((s) => s.id));
    const unknown = body.storylines.find((id) => !known.has(id));
    if (unknown) {
      throw new ApiError(
        400,
        "unknown_storyline",
        `"storylines" names "${unknown}", which is not a storyline; GET /storylines lists them.`,
        "storylines",
      );
    }
    const channel = { ...body.channel } as Subscription["channel"];
    if ("url" in body.channel) {
      try {
        channel.url = await deps.validateUrl(body.channel.url);
      } catch (error) {
        throw new ApiError(
          400,
          "invalid_url",
          `"channel.url" cannot be used: ${(error as Error).message}`,
          "channel.url",
        );
      }
    }
    const secret = generateWebhookSecret();
    const { subscription } = await deps.store.createSubscription({
      id: randomBytes(8).toString("hex"),
      storylines: [...new Set(body.storylines)],
      minScore: body.minScore,
      filters: body.filters,
      mode: body.mode,
      channel,
      secret,
      feedToken: generateFeedToken(),
      createdAt: (deps.now?.() ?? new Date()).toISOString(),
    });
    // Write, then verify: a DELETE /storylines/{id} at the same moment either saw this subscription (and refused)
    // or this check sees the storyline gone (ACCESS-PATTERNS.md, "Deleting a storyline").
    const lost = await catalog.subscribableNow(subscription.storylines);
    if (lost !== null) {
      await deps.store.deleteSubscription(subscription.id);
      throw new ApiError(
        409,
        "conflict",
        lost.reason === "gone"
          ? `The storyline "${lost.id}" was deleted while this subscription was being created, so it was not ` +
              "created; GET /storylines lists the storylines there are."
          : `The storyline "${lost.id}" is being deleted, so the subscription was not created; ` +
              `GET /storylines/${lost.id} in a moment shows whether it is gone.`,
        "storylines",
      );
    }
    return c.json(
      {
        ...publicSubscription(subscription, deps.publicUrl),
        secret,
        key: subscriptionKey(deps.adminKey, subscription.id),
      },
      201,
    );
  });

  app.openapi(get, async (c) => {
    const sub = await loadSubscription(deps, c, c.req.valid("param").id);
    return c.json(publicSubscription(sub, deps.publicUrl), 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    await loadSubscription(deps, c, id);
    if (!(await deps.store.deleteSubscription(id))) {
      throw new ApiError(404, "not_found", `No subscription has the id ${id}.`);
    }
    return c.body(null, 204);
  });

  app.openapi(test, async (c) => {
    const sub = await loadSubscription(deps, c, c.req.valid("param").id);
    const result = await deps.sendTest(sub);
    return c.json({ ok: result.ok, status: result.status ?? null, error: result.error ?? null }, 200);
  });

  app.openapi(deliveries, async (c) => {
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    await loadSubscription(deps, c, id);
    const page = await deps.store.listDeliveries(id, { limit, cursor });
    return c.json({ deliveries: page.items.map(publicDelivery), nextCursor: page.cursor }, 200);
  });

  app.openapi(replay, async (c) => {
    const { id } = c.req.valid("param");
    const delivery = await deps.store.getDelivery(id);
    if (!delivery || !mayAccess(c, delivery.subscriptionId)) {
      throw new ApiError(404, "not_found", `No delivery has the id ${id}.`);
    }
    if (delivery.state !== "failed") {
      throw new ApiError(
        409,
        "not_failed",
        `Delivery ${id} is ${delivery.state}; only failed deliveries can be replayed.`,
      );
    }
    const sub = await loadSubscription(deps, c, delivery.subscriptionId);
    if (sub.status === "disabled") {
      // Replaying is how an owner says the endpoint is fixed: re-enable it.
      await deps.store.updateSubscriptionHealth(sub.id, { disabledAt: null, disabledReason: null, failingSince: null });
    }
    let replayed: Delivery;
    try {
      replayed = await deps.store.replayDelivery(id, (deps.now?.() ?? new Date()).toISOString());
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      // Lost a race: another replay (or a worker) changed the delivery between the read above and this write.
      const now = await deps.store.getDelivery(id);
      throw new ApiError(
        409,
        "not_failed",
        `Delivery ${id} was changed by another request at the same moment and is now ${now?.state ?? "gone"}; ` +
          "only failed deliveries can be replayed, so there is nothing more to do.",
      );
    }
    // Not lost if queueing fails: the replayed delivery is due now, and the scheduler's sweep queues it.
    await deps.queue.send([{ type: "deliver", deliveryId: id }]).catch(() => undefined);
    return c.json(publicDelivery(replayed), 202);
  });
}
