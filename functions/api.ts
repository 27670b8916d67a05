/** Lambda entry: the Hono API behind a Function URL (or API Gateway v2). */
import { apiDeps, createApp } from "@storywire/api";
import { StorylineCatalog } from "@storywire/pipeline/storylines";
import { handle } from "hono/aws-lambda";
import { lambdaPipeline } from "./lib/context.ts";
import { logContext } from "./lib/logger.ts";

type LambdaHandler = ReturnType<typeof handle>;

let app: LambdaHandler | undefined;

export const handler: LambdaHandler = async (event, context) => {
  logContext(context);
  if (!app) {
    const pipeline = await lambdaPipeline({ catalog: StorylineCatalog });
    // Without STORYWIRE_PUBLIC_URL, links point at the host this request reached (the Function URL).
    if (!pipeline.publicUrl && event.headers?.host) pipeline.publicUrl = `https://${event.headers.host}`;
    // A test alert (POST /subscriptions/{id}/test) is the API's only send: the deliver step and its HTTP and
    // email clients load on the first one, not at cold start.
    let send: Promise<typeof import("./lib/test-alert.ts")["sendTest"]> | undefined;
    app = handle(
      createApp(
        apiDeps(pipeline, async (sub) => {
          send ??= import("./lib/test-alert.ts").then((m) => m.sendTest);
          return (await send)(pipeline, sub);
        }),
      ),
    );
  }
  return app(event, context);
};
