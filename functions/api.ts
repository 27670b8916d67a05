/** Lambda entry: the Hono API behind a Function URL (or API Gateway v2). */
import { createApp } from "@storywire/api";
import { sendTestAlert } from "@storywire/pipeline";
import { handle } from "hono/aws-lambda";
import { lambdaContext, validateUrlWith } from "./lib/context.ts";

type LambdaHandler = ReturnType<typeof handle>;
let app: LambdaHandler | undefined;

export const handler: LambdaHandler = async (event, context) => {
  if (!app) {
    const { deps, settings, catalog } = await lambdaContext();
    const origin = event.headers?.host ? `https://${event.headers.host}` : "";
    deps.publicUrl ||= origin;
    app = handle(
      createApp({
        store: deps.store,
        queue: deps.queue,
        adminKey: settings.adminKey,
        publicUrl: deps.publicUrl,
        validateUrl: (url) => validateUrlWith(settings.allowPrivateNetworks, url),
        storylines: () => catalog.list(),
        storylineCatalog: catalog,
        sendTest: (sub) => sendTestAlert(sub, deps),
        rateLimit: settings.rateLimit,
        claimTimeoutMs: settings.claimTimeoutMs,
      }),
    );
  }
  return app(event, context);
};
