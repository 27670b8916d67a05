import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { STORYWIRE_VERSION } from "@storywire/core";
import type { ApiDeps } from "../deps.ts";

const route = createRoute({
  method: "get",
  path: "/health",
  summary: "Liveness: the API answers and the store is reachable",
  responses: {
    200: {
      description: "Healthy",
      content: {
        "application/json": { schema: z.object({ status: z.literal("ok"), version: z.string(), time: z.string() }) },
      },
    },
  },
});

export function registerHealthRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  app.openapi(route, (c) =>
    c.json(
      { status: "ok" as const, version: STORYWIRE_VERSION, time: (deps.now?.() ?? new Date()).toISOString() },
      200,
    ),
  );
}
