/**
 * The four Lambda entry points and what every one of them shares: runtime, architecture, bundling,
 * environment and log retention. Each step's timeout lives here because its queue's visibility timeout
 * is derived from it (infra/queues.ts).
 */
import { LAMBDA_NODE_OPTIONS, sstNodejs } from "./bundling.ts";
import { deployEnvironment } from "./deploy-settings.ts";
import { isProductionStage } from "./stage.ts";
import { storylinesBundle } from "./storylines.ts";

/** Node.js 24 on Lambda: Node 22's runtime is deprecated on 2027-04-30, Node 24's in 2028. */
export const RUNTIME = "nodejs24.x";

/** SST handler strings: a path from the repository root without extension, then the exported function. */
export const HANDLERS = {
  api: "functions/api.handler",
  schedule: "functions/schedule.handler",
  ingest: "functions/ingest.handler",
  deliver: "functions/deliver.handler",
} as const;

export type Step = keyof typeof HANDLERS;

export const TIMEOUT_SECONDS: Readonly<Record<Step, number>> = { api: 30, schedule: 60, ingest: 120, deliver: 30 };

/** Ingest parses feeds and extracts articles (CPU-bound DOM work); the other steps mostly wait on I/O. */
const MEMORY: Readonly<Record<Step, `${number} MB`>> = {
  api: "512 MB",
  schedule: "256 MB",
  ingest: "1024 MB",
  deliver: "256 MB",
};

/** The trust policy of every function role outside `sst dev`: Lambda, and nobody else, may assume it. */
export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

export function seconds(count: number): `${number} seconds` {
  return `${count} seconds`;
}

/** The plain-object form of FunctionArgs.environment (values may still be deploy-time outputs). */
type Environment = Extract<NonNullable<sst.aws.FunctionArgs["environment"]>, Record<string, unknown>>;

type Extra = Omit<sst.aws.FunctionArgs, "handler" | "environment"> & { environment?: Environment };

/**
 * Function arguments for one step. `extra` adds what only that step needs (URL, permissions, retries);
 * its `environment` entries are added to the shared ones. The settings the deployer chose in the deploying shell
 * (infra/deploy-settings.ts) come last: they override a step's default (the deliver step's STORYWIRE_PUBLIC_URL).
 */
export function lambda(step: Step, link: unknown[], extra: Extra = {}): sst.aws.FunctionArgs {
  const { environment, ...rest } = extra;
  const storylines = storylinesBundle();
  return {
    handler: HANDLERS[step],
    runtime: RUNTIME,
    architecture: "arm64",
    timeout: seconds(TIMEOUT_SECONDS[step]),
    memory: MEMORY[step],
    link,
    environment: {
      STORYWIRE_STAGE: $app.stage,
      STORYWIRE_RUNTIME: "aws",
      // Stack traces in CloudWatch point at the TypeScript sources (the bundle ships its source map).
      NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
      ...storylines.environment,
      ...environment,
      ...deployEnvironment(step),
    },
    ...(storylines.copyFiles ? { copyFiles: storylines.copyFiles } : {}),
    logging: { retention: isProductionStage($app.stage) ? "3 months" : "1 week" },
    nodejs: sstNodejs(),
    // SST's role also trusts the account root, for `sst dev`'s live functions; a deployed role trusts Lambda only.
    ...($dev ? {} : { transform: { role: { assumeRolePolicy: LAMBDA_TRUST_POLICY } } }),
    ...rest,
  };
}
