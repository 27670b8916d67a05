/**
 * 405 answers: when no route matches a request, the methods that do match its path (for the `Allow` header).
 * Hono answers an unmatched method with its not-found handler; this looks the path up once per method in a
 * router built from the app's own routes, so the answer can never disagree with what the app serves.
 */
import type { Hono } from "hono";
import { PatternRouter } from "hono/router/pattern-router";

const cache = new WeakMap<object, { count: number; router: PatternRouter<true>; methods: string[] }>();

function routerOf(app: Hono) {
  const routes = app.routes.filter((r) => r.method !== "ALL");
  const cached = cache.get(app);
  if (cached && cached.count === routes.length) return cached;
  const router = new PatternRouter<true>();
  const methods = new Set<string>();
  for (const route of routes) {
    router.add(route.method, route.path, true);
    methods.add(route.method);
  }
  const built = { count: routes.length, router, methods: [...methods].sort() };
  cache.set(app, built);
  return built;
}

/** The methods some route of `app` answers on `path`; empty when no route has this path. */
export function allowedMethods(app: Hono, path: string): string[] {
  const { router, methods } = routerOf(app);
  const allowed = methods.filter((method) => router.match(method, path)[0].length > 0);
  if (allowed.includes("GET") && !allowed.includes("HEAD")) allowed.push("HEAD");
  return allowed;
}
