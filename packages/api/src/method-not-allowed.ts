/**
 * 405 answers: when no route matches a request, the methods that do match its path (for the `Allow` header).
 * Hono answers an unmatched method with its not-found handler; this looks the path up once per method in a
 * router built from the app's own routes, so the answer can never disagree with what the app serves.
 *
 * A path written without parameters names a fixed sub-resource (`/feeds/import`, `/storylines/compile`,
 * `/feeds/export.opml`): it is never an id of the parameter route beside it (`/feeds/{id}`), whatever the method.
 * `GET /feeds/import` is therefore a 405 that allows POST, not a 400 about a malformed feed id, and
 * `GET /storylines/compile` is not a storyline named "compile".
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { PatternRouter } from "hono/router/pattern-router";
import { errorResponse } from "./errors.ts";

interface Routes {
  count: number;
  router: PatternRouter<true>;
  methods: string[];
  /** Fixed paths (no parameter, no wildcard) and the methods routed on each. */
  fixed: Map<string, string[]>;
}

const cache = new WeakMap<object, Routes>();

function routesOf(app: Hono): Routes {
  const routes = app.routes.filter((r) => r.method !== "ALL");
  const cached = cache.get(app);
  if (cached && cached.count === routes.length) return cached;
  const router = new PatternRouter<true>();
  const methods = new Set<string>();
  const fixed = new Map<string, string[]>();
  for (const route of routes) {
    router.add(route.method, route.path, true);
    methods.add(route.method);
    if (!/[:*]/.test(route.path)) fixed.set(route.path, [...new Set([...(fixed.get(route.path) ?? []), route.method])]);
  }
  const built = { count: routes.length, router, methods: [...methods].sort(), fixed };
  cache.set(app, built);
  return built;
}

const withHead = (methods: string[]) =>
  methods.includes("GET") && !methods.includes("HEAD") ? [...methods, "HEAD"] : methods;

/** The methods some route of `app` answers on `path`; empty when no route has this path. */
export function allowedMethods(app: Hono, path: string): string[] {
  const { router, methods, fixed } = routesOf(app);
  const own = fixed.get(path);
  if (own) return withHead([...own].sort());
  return withHead(methods.filter((method) => router.match(method, path)[0].length > 0));
}

/** The fixed path's methods when `path` is one of the app's fixed paths, else null. */
export function fixedPathMethods(app: Hono, path: string): string[] | null {
  const own = routesOf(app).fixed.get(path);
  return own ? withHead([...own].sort()) : null;
}

/** The 405 problem answer with its Allow header. */
export function methodNotAllowed(c: Context, allow: string[]) {
  return errorResponse(
    c,
    405,
    "method_not_allowed",
    `${c.req.method} is not allowed on ${c.req.path}; use ${allow.join(" or ")}.`,
    undefined,
    { allow: allow.join(", ") },
  );
}

/**
 * Answers 405 for a fixed path asked with a method it does not serve, before any parameter route (or its key
 * check) can take the path for an id. Routes are read when the first request comes, so register it anywhere.
 */
export function fixedPaths(app: Hono): MiddlewareHandler {
  return async (c, next) => {
    const allow = fixedPathMethods(app, c.req.path);
    if (allow && !allow.includes(c.req.method) && c.req.method !== "OPTIONS") return methodNotAllowed(c, allow);
    await next();
  };
}
