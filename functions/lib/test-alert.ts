/**
 * The API's test alert (POST /subscriptions/{id}/test): the deliver step's send, with the HTTP poster and SES added
 * to the API's pipeline. functions/api.ts imports this module dynamically, so none of it runs at the API's cold start.
 */
import { postJson } from "@storywire/fetch";
import { type PipelineBase, withParts } from "@storywire/pipeline/config";
import { sendTestAlert } from "@storywire/pipeline/deliver";
import type { StorylineCatalog } from "@storywire/pipeline/storylines";
import type { Subscription } from "@storywire/store";
import { emailSender } from "./delivery.ts";

type ApiPipeline = PipelineBase & { storylines: StorylineCatalog };

const senders = new WeakMap<ApiPipeline, ReturnType<typeof withSenders>>();

function withSenders(pipeline: ApiPipeline) {
  return withParts(pipeline, { post: postJson, ...emailSender(pipeline.config) });
}

export function sendTest(pipeline: ApiPipeline, sub: Subscription) {
  let deps = senders.get(pipeline);
  if (!deps) {
    deps = withSenders(pipeline);
    senders.set(pipeline, deps);
  }
  return sendTestAlert(sub, deps);
}
