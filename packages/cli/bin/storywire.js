#!/usr/bin/env node
// The `storywire` command. The sources are TypeScript; tsx loads them so that `npx storywire` works right
// after `npm ci` with no build step.
import { register } from "tsx/esm/api";

// Storywire runs on Node 20 and later; the AWS SDK's notice about its own future Node support is not for users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
const { exitQuietlyWhenReaderCloses } = await import("../src/closed-pipe.ts");
exitQuietlyWhenReaderCloses();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
