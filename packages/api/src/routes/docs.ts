/**
 * GET /docs: the API reference, rendered on the server from the app's own OpenAPI document (docs/render.ts) the
 * first time it is asked for; the same page offline, with no script and no outside resource.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { DASHBOARD_HEADERS } from "../dashboard/constants.ts";
import { renderDocs } from "../docs/render.ts";

export function registerDocsRoutes(app: OpenAPIHono, document: () => unknown): void {
  let page: string | undefined;
  app.get("/docs", (c) => {
    page ??= renderDocs(document());
    return c.html(page, 200, { ...DASHBOARD_HEADERS, "cache-control": "public, max-age=300" });
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/docs",
    summary: "This reference: every route of the API, generated from the OpenAPI document (HTML, works offline)",
    responses: { 200: { description: "The reference page", content: { "text/html": { schema: { type: "string" } } } } },
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/openapi.json",
    summary: "The OpenAPI 3.1 document of this API",
    responses: {
      200: { description: "The document", content: { "application/json": { schema: { type: "object" } } } },
    },
  });
}
