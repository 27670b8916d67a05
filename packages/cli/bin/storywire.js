#!/usr/bin/env node
// The `storywire` command. The sources are TypeScript; tsx loads them so that `npx storywire` works right
// after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
