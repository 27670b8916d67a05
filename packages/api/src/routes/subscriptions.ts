import { randomBytes } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { generateWebhookSecret } from "@storywire/channels/webhook/secret";
import type { Delivery, Subscription } from "@storywire/store";
import type { Context } from "hono";
import type { ApiDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { mayAccess, requireAdmin, requireKey, subscriptionKey } from "../middleware/auth.ts";
import {
  CreatedSubscriptionSchema,
  CreateSubscriptionSchema,
  DeliverySchema,
  IdParam,
  problemResponse,
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

const create = createRoute({
  method: "post",
  path: "/subscriptions",
  summary: "Subscribe a channel to storyline alerts; the answer holds the signing secret, shown only once",
  ...secured,
  request: { body: { required: true, content: { "application/json": { schema: CreateSubscriptionSchema } } } },
  responses: {
    201: json(CreatedSubscriptionSchema, "Created"),
    400: problemResponse("Invalid subscription"),
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
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: z.string().max(2048).optional(),
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
  const { secret: _secret, feedToken, ...rest } = sub;
  return {
    ...rest,
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
  app.use("/subscriptions", requireAdmin(deps.adminKey));
  app.use("/subscriptions/*", requireKey(deps.adminKey));
  app.use("/deliveries/*", requireKey(deps.adminKey));

  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const known = new Set((await deps.storylines()).map((s) => s.id));
    const unknown = body.storylines.find((id) => !known.has(id));
    if (unknown) {
      throw new ApiError(
        400,
        "unknown_storyline",
        `"storylines" names "${unknown}", which is not a storyline; GET /storylines lists them.`,
      );
    }
    const channel = { ...body.channel } as Subscription["channel"];
    if ("url" in body.channel) {
      try {
        channel.url = await deps.validateUrl(body.channel.url);
      } catch (error) {
        throw new ApiError(400, "invalid_url", `"channel.url": ${(error as Error).message}`);
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
      feedToken: randomBytes(24).toString("base64url"),
      createdAt: (deps.now?.() ?? new Date()).toISOString(),
    });
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
    const replayed = await deps.store.replayDelivery(id, (deps.now?.() ?? new Date()).toISOString());
    await deps.queue.send([{ type: "deliver", deliveryId: id }]);
    return c.json(publicDelivery(replayed), 202);
  });
}
