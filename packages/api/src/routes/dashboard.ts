/**
 * GET / and GET /dashboard: a read-only HTML overview (storylines and their latest developments, feeds and
 * their health, the latest stories). Server-rendered, no scripts; a strict CSP backs up the escaping.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  DASHBOARD_HEADERS,
  DEFAULT_REFRESH_SECONDS,
  MAX_REFRESH_SECONDS,
  MIN_REFRESH_SECONDS,
} from "../dashboard/constants.ts";
import { loadDashboard } from "../dashboard/load.ts";
import { renderDashboard } from "../dashboard/render.ts";
import type { ApiDeps } from "../deps.ts";

const PATHS = ["/", "/dashboard"] as const;

/** `?refresh=N`: 0 turns automatic reloading off, other values are clamped; anything unreadable means the default. */
export function refreshSeconds(query: string | undefined): number {
  if (query === undefined || !/^\d{1,6}$/.test(query)) return DEFAULT_REFRESH_SECONDS;
  const seconds = Number(query);
  if (seconds === 0) return 0;
  return Math.min(MAX_REFRESH_SECONDS, Math.max(MIN_REFRESH_SECONDS, seconds));
}

export function registerDashboardRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const show = async (c: Context) => {
    const page = renderDashboard(await loadDashboard(deps), { refreshSeconds: refreshSeconds(c.req.query("refresh")) });
    return c.html(page, 200, DASHBOARD_HEADERS);
  };
  for (const path of PATHS) {
    app.get(path, show);
    app.openAPIRegistry.registerPath({
      method: "get",
      path,
      summary: "The dashboard: a read-only HTML page of storylines, feeds and the latest stories",
      responses: {
        200: { description: "The dashboard page", content: { "text/html": { schema: { type: "string" } } } },
      },
    });
  }
}
