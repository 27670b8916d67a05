/** Lambda entry: the Hono API behind a Function URL (or API Gateway v2). */
import { type ApiDeps, createApp } from "@storywire/api";
import { validatePublicUrl } from "@storywire/fetch/ssrf";
import { canonicalUrl } from "@storywire/pipeline/feeds";
import type { StorylineCatalog } from "@storywire/pipeline/storylines";
import { handle } from "hono/aws-lambda";
import { type LambdaContext, lambdaCatalog, lambdaContext } from "./lib/context.ts";

type LambdaHandler = ReturnType<typeof handle>;

let app: LambdaHandler | undefined;

/**
 * A test alert (POST /subscriptions/{id}/test) is the API's only send: the deliver step and its HTTP and email
 * clients load on the first one, not at cold start.
 */
function testAlerts(context: LambdaContext, catalog: StorylineCatalog, publicUrl: string): ApiDeps["sendTest"] {
  let send: Promise<ApiDeps["sendTest"]> | undefined;
  return async (sub) => {
    send ??= import("./lib/test-alert.ts").then((m) => m.testAlertSender(context, catalog, publicUrl));
    return (await send)(sub);
  };
}

export const handler: LambdaHandler = async (event, context) => {
  if (!app) {
    const lambda = await lambdaContext();
    const catalog = await lambdaCatalog();
    const { deps, settings } = lambda;
    const publicUrl = settings.publicUrl || (event.headers?.host ? `https://${event.headers.host}` : "");
    app = handle(
      createApp({
        store: deps.store,
        queue: deps.queue,
        adminKey: settings.adminKey,
        publicUrl,
        validateUrl: async (url) =>
          canonicalUrl(await validatePublicUrl(url, { allowPrivateNetworks: settings.allowPrivateNetworks })),
        storylines: () => catalog.list(),
        storylineCatalog: catalog,
        sendTest: testAlerts(lambda, catalog, publicUrl),
        rateLimit: settings.rateLimit,
        claimTimeoutMs: settings.claimTimeoutMs,
        searchWordsPerStory: settings.searchWords,
      }),
    );
  }
  return app(event, context);
};
