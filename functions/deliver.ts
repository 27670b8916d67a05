/** Lambda entry: DeliveryQueue consumer; one alert delivery per record, partial batch failures. */
import { postJson } from "@storywire/fetch";
import { deliverOne } from "@storywire/pipeline/deliver";
import { StorylineCatalog } from "@storywire/pipeline/storylines";
import { lambdaPipeline } from "./lib/context.ts";
import { emailSender } from "./lib/delivery.ts";
import { eachJobOf, type SqsBatchResponse, type SqsEvent } from "./lib/sqs-batch.ts";

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  const deps = await lambdaPipeline((config) => ({
    catalog: StorylineCatalog,
    post: postJson,
    ...emailSender(config),
  }));
  return eachJobOf(event, "deliver", async (job) => {
    await deliverOne(job.deliveryId, deps);
  });
}
