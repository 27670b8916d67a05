/** Lambda entry: DeliveryQueue consumer; one alert delivery per record, partial batch failures. */
import { postJson } from "@storywire/fetch";
import { deliverOne } from "@storywire/pipeline/deliver";
import { StorylineCatalog } from "@storywire/pipeline/storylines";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { lambdaPipeline } from "./lib/context.ts";
import { emailSender } from "./lib/delivery.ts";
import { logContext } from "./lib/logger.ts";
import { eachJobOf } from "./lib/sqs-batch.ts";

export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  logContext(context);
  const deps = await lambdaPipeline((config) => ({
    catalog: StorylineCatalog,
    post: postJson,
    ...emailSender(config),
  }));
  return eachJobOf(event, "deliver", (job) => deliverOne(job.deliveryId, deps).then(() => undefined), {
    logger: deps.logger,
    context,
  });
}
