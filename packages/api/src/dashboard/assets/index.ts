/**
 * The static assets of the dashboard and the API reference, served by the app itself at /assets/<name> (no CDN, nothing from outside).
 * Pages link them with ?v=<content hash>, so a deploy with new assets is never served a stale cached copy.
 */
import { createHash } from "node:crypto";
import { DOCS_CSS } from "../../docs/styles.ts";
import { DASHBOARD_SCRIPT } from "./script.ts";
import { DASHBOARD_CSS } from "./styles.ts";

export interface Asset {
  body: string;
  contentType: string;
  /** A short hash of the body. */
  version: string;
}

function asset(body: string, contentType: string): Asset {
  return { body, contentType, version: createHash("sha256").update(body).digest("hex").slice(0, 12) };
}

export const ASSETS: Readonly<Record<string, Asset>> = {
  "dashboard.css": asset(DASHBOARD_CSS, "text/css; charset=utf-8"),
  "dashboard.js": asset(DASHBOARD_SCRIPT, "text/javascript; charset=utf-8"),
  /** The API reference's (GET /docs). */
  "docs.css": asset(DOCS_CSS, "text/css; charset=utf-8"),
};

export const ASSETS_PATH = "/assets";

/** The versioned URL of an asset, e.g. /assets/dashboard.css?v=3f2a9c01b7de. */
export function assetHref(name: keyof typeof ASSETS & string): string {
  const found = ASSETS[name];
  if (!found) throw new Error(`No dashboard asset is named "${name}".`);
  return `${ASSETS_PATH}/${name}?v=${found.version}`;
}
