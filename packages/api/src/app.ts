/**
 * The Storywire HTTP API: one Hono app, the same on Lambda (Function URL) and locally (@hono/node-server).
 * Routes live in routes/, one file per resource; this file wires middleware, errors and the OpenAPI document.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { STORYWIRE_VERSION } from "@storywire/core";
import { Conflict, InvalidCursor, InvalidInput, NotFound, StoreError } from "@storywire/store";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ApiDeps } from "./deps.ts";
import { ApiError, errorResponse, PROBLEM_TITLES, problemType } from "./errors.ts";
import { allowedMethods, fixedPaths, methodNotAllowed } from "./method-not-allowed.ts";
import { DEFAULT_RATE_LIMITS, rateLimit } from "./middleware/rate-limit.ts";
import { registerDashboardRoutes } from "./routes/dashboard.ts";
import { registerDocsRoutes } from "./routes/docs.ts";
import { registerFeedRoutes } from "./routes/feeds.ts";
import { registerFramingRoutes } from "./routes/framing.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerStoryRoutes } from "./routes/stories.ts";
import { registerStorylineRoutes } from "./routes/storylines.ts";
import { registerSubscriptionRoutes } from "./routes/subscriptions.ts";
import { registerTimelineRoutes } from "./routes/timeline.ts";
import { validationHook } from "./validation.ts";

export const MAX_BODY_BYTES = 64 * 1024;
/** POST /feeds/import (an OPML file). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** Seconds a client is told to wait (Retry-After) when the store is unavailable. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The answer for an error of the store that reached no route's own handling: the store's error classes map to
 * their HTTP meaning, so a conflicting conditional write is a 409 and an unreachable store a 503, never a 500.
 */
function storeErrorAnswer(error: StoreError): ApiError {
  if (error instanceof NotFound) return new ApiError(404, "not_found", error.message);
  if (error instanceof Conflict) return new ApiError(409, "conflict", error.message);
  if (error instanceof InvalidCursor) return new ApiError(400, "invalid_cursor", error.message, "cursor");
  if (error instanceof InvalidInput) return new ApiError(400, "invalid_request", error.message);
  if (error.retryable) {
    return new ApiError(
      503,
      "store_unavailable",
      "The store is unavailable right now (it did not answer in time, or is throttling), so the request could not " +
        `be completed. Try again in ${STORE_RETRY_AFTER_SECONDS} seconds.`,
      undefined,
      { "retry-after": String(STORE_RETRY_AFTER_SECONDS) },
    );
  }
  return new ApiError(500, "internal", "Something went wrong on our side; the error was logged. Try again.");
}

export type App = OpenAPIHono;

/** The document's head (GET /openapi.json and GET /docs are generated from the same routes). */
export const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Storywire API",
    version: STORYWIRE_VERSION,
    description: "Stories from watched feeds, scored for storylines and framing; subscriptions to storyline alerts.",
  },
};

export function createApp(deps: ApiDeps): App {
  const app = new OpenAPIHono({ defaultHook: validationHook });

  // Every answer, errors included: browsers must not guess a type for JSON, text or feeds.
  app.use("*", async (c, next) => {
    await next();
    c.res.headers.set("x-content-type-options", "nosniff");
  });

  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        // The rest of the body is never read: close the connection so that no client reuses it.
        c.header("connection", "close");
        return errorResponse(c, 413, "body_too_large", `The request body is larger than ${maxSize} bytes; send less.`);
      },
    });
  const defaultLimit = limitBody(MAX_BODY_BYTES);
  const importLimit = limitBody(MAX_IMPORT_BYTES);
  // An OPML subscription list of a few thousand feeds is larger than any JSON body.
  app.use("*", (c, next) => (c.req.path === "/feeds/import" ? importLimit(c, next) : defaultLimit(c, next)));

  app.use("*", rateLimit(deps, deps.rateLimit ?? DEFAULT_RATE_LIMITS));
  // Before every route's own middleware: `/feeds/import` is never read as a feed id, whatever the method.
  app.use("*", fixedPaths(app));

  registerHealthRoutes(app, deps);
  registerFeedRoutes(app, deps);
  registerStoryRoutes(app, deps);
  registerStorylineRoutes(app, deps);
  registerSubscriptionRoutes(app, deps);
  registerTimelineRoutes(app, deps);
  registerFramingRoutes(app);
  registerDashboardRoutes(app, deps);

  app.doc31("/openapi.json", OPENAPI_CONFIG);
  registerDocsRoutes(app, () => app.getOpenAPI31Document(OPENAPI_CONFIG));
  app.openAPIRegistry.registerComponent("securitySchemes", "adminKey", { type: "http", scheme: "bearer" });

  // The problem types named by `type` in every error answer.
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/problems/{code}",
    summary: "A problem type named by the `type` of an error answer: its title",
    responses: {
      200: { description: "The problem type", content: { "application/json": { schema: { type: "object" } } } },
      404: { description: "No such problem type" },
    },
  });
  app.get("/problems/:code{[a-z_]{1,40}}", (c) => {
    const code = c.req.param("code");
    const title = PROBLEM_TITLES[code];
    if (!title) return errorResponse(c, 404, "not_found", `There is no problem type "${code}".`);
    return c.json({ type: problemType(code), title, code });
  });

  app.notFound((c) => {
    const allow = allowedMethods(app, c.req.path);
    if (allow.length > 0) return methodNotAllowed(c, allow);
    return errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${c.req.path}. See /openapi.json.`);
  });
  app.onError((error, c) => {
    if (error instanceof StoreError) {
      const answer = storeErrorAnswer(error);
      if (answer.status >= 500) {
        console.error(
          JSON.stringify({ level: "error", message: "store error", status: answer.status, error: error.message }),
        );
      }
      return errorResponse(c, answer.status, answer.code, answer.message, answer.field, answer.headers);
    }
    if (error instanceof ApiError)
      return errorResponse(c, error.status, error.code, error.message, error.field, error.headers);
    if (error instanceof HTTPException) {
      const status = error.status;
      if (status === 400) return errorResponse(c, 400, "bad_request", "The request body is not valid JSON.");
      return errorResponse(c, status as 400, "http_error", error.message || "The request could not be handled.");
    }
    console.error(JSON.stringify({ level: "error", message: "unhandled API error", error: String(error) }));
    return errorResponse(c, 500, "internal", "Something went wrong on our side; the error was logged. Try again.");
  });
  return app;
}
