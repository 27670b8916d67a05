/**
 * The esbuild plugins of every Lambda bundle, shared by functions/build.ts and SST (`nodejs.plugins` in
 * infra/bundling.ts names this file, which SST imports as it is: hence plain JavaScript).
 *
 * English only: zod's `z` namespace carries all of zod's ~50 translations, and @hono/zod-openapi imports it whole
 * (`import { z } from "zod"`, handed to zod-to-openapi), which put ~260 KB of translations into the API bundle.
 * The functions speak English only and never pick a locale, so in a bundle `z.locales` holds `en` alone.
 */
import { dirname, join } from "node:path";

/** zod's own import of its locale index (from its `zod`, `zod/mini` and `zod/v4/core` namespaces). */
const LOCALE_INDEX = /^\.\.\/locales\/index\.js$/;
const ZOD = /[\\/]node_modules[\\/]zod[\\/]v4[\\/]/;
const NAMESPACE = "zod-english-only";

/** @returns {import("esbuild").Plugin} */
export function zodEnglishOnly() {
  return {
    name: "storywire-zod-english-only",
    setup(build) {
      build.onResolve({ filter: LOCALE_INDEX }, (args) =>
        ZOD.test(args.importer)
          ? { path: join(dirname(dirname(args.importer)), "locales", "english-only.js"), namespace: NAMESPACE }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: 'export { default as en } from "./en.js";\n',
        resolveDir: dirname(args.path),
        loader: "js",
      }));
    },
  };
}

export default [zodEnglishOnly()];
