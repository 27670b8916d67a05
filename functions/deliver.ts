/** Lambda entry: DeliveryQueue consumer; one alert delivery per record, partial batch failures. */
import { type DeliverDeps, deliverOne } from "@storywire/pipeline/deliver";
import { lambdaCatalog, lambdaContext } from "./lib/context.ts";
import { deliverDeps } from "./lib/delivery.ts";
import { eachJobOf, type SqsBatchResponse, type SqsEvent } from "./lib/sqs-batch.ts";

let ready: Promise<DeliverDeps> | undefined;

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  ready ??= Promise.all([lambdaContext(), lambdaCatalog()]).then(
    ([context, catalog]) => deliverDeps(context, catalog),
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  const deps = await ready;
  return eachJobOf(event, "deliver", async (job) => {
    await deliverOne(job.deliveryId, deps);
  });
}
