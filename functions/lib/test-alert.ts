/**
 * The API's test alert (POST /subscriptions/{id}/test): the deliver step's send, with the HTTP poster and SES.
 * functions/api.ts imports this module dynamically, so none of it runs at the API's cold start.
 */
import { type DeliverDeps, sendTestAlert } from "@storywire/pipeline/deliver";
import type { StorylineCatalog } from "@storywire/pipeline/storylines";
import type { Subscription } from "@storywire/store";
import type { LambdaContext } from "./context.ts";
import { deliverDeps } from "./delivery.ts";

export function testAlertSender(context: LambdaContext, catalog: StorylineCatalog, publicUrl: string) {
  let deps: DeliverDeps | undefined;
  return (sub: Subscription) => {
    deps ??= deliverDeps(context, catalog, publicUrl);
    return sendTestAlert(sub, deps);
  };
}
