/**
 * A minimal, hand-written declaration of the SST 4 globals that sst.config.ts and infra/ use, so this
 * repository type-checks without `.sst/platform` (which `sst install` generates by downloading Pulumi).
 * Each shape is a subset of the real platform types of sst@4.17.1 (components/aws/{function,dynamo,queue,
 * cron-v2}.ts, components/secret.ts, config.ts, global.d.ts), with the same names and property types.
 * Add a property here only as the real API declares it. Deployed and acceptance builds use the real types.
 */

/** Stands in for Pulumi's Output<T>: a value known only at deploy time. */
interface SstOutput<T> {
  apply<U>(fn: (value: T) => U): SstOutput<U>;
}
type SstInput<T> = T | Promise<T> | SstOutput<T>;
type SstDurationMinutes = `${number} ${"second" | "seconds" | "minute" | "minutes"}`;
type SstDurationHours = `${number} ${"second" | "seconds" | "minute" | "minutes" | "hour" | "hours"}`;
type SstSize = `${number} ${"MB" | "GB"}`;
type SstTransform<T> = Partial<T> | ((args: T, opts: unknown, name: string) => undefined);
type SstLogRetention =
  | "1 day"
  | "3 days"
  | "5 days"
  | "1 week"
  | "2 weeks"
  | "1 month"
  | "2 months"
  | "3 months"
  | "4 months"
  | "5 months"
  | "6 months"
  | "1 year"
  | "13 months"
  | "18 months"
  | "2 years"
  | "3 years"
  | "5 years"
  | "6 years"
  | "7 years"
  | "8 years"
  | "9 years"
  | "10 years"
  | "forever";

interface SstAppInput {
  stage: string;
}

interface SstApp {
  name: string;
  home: "aws" | "cloudflare" | "local";
  removal?: "remove" | "retain" | "retain-all";
  protect?: boolean;
  providers?: Record<string, unknown>;
  version?: string;
}

interface SstConfig {
  app(input: SstAppInput): SstApp | Promise<SstApp>;
  // biome-ignore lint/suspicious/noExplicitAny: the real signature returns Record<string, any>
  // biome-ignore lint/suspicious/noConfusingVoidType: the real signature allows a run() that returns nothing
  run(): Promise<Record<string, any> | void>;
}

declare function $config(input: SstConfig): SstConfig;

declare const $app: Readonly<{
  name: string;
  stage: string;
  removal: "remove" | "retain" | "retain-all";
  providers: Record<string, unknown>;
  protect: boolean;
}>;

declare const $dev: boolean;

/** global.d.ts: waits for the values, then applies `fn` (the real overloads also take records and 2..8 tuples). */
declare function $resolve<T extends readonly unknown[]>(
  values: [...{ [K in keyof T]: SstInput<T[K]> }],
): SstOutput<{ -readonly [K in keyof T]: T[K] }>;

/** @pulumi/aws data sources the app reads (the eval bundle imports @pulumi/aws as `aws`). */
declare namespace aws {
  function getPartitionOutput(args?: Record<string, never>, opts?: unknown): { partition: SstOutput<string> };
  function getRegionOutput(args?: Record<string, never>, opts?: unknown): { region: SstOutput<string> };
  function getCallerIdentityOutput(args?: Record<string, never>, opts?: unknown): { accountId: SstOutput<string> };
}

declare namespace sst {
  /** components/linkable.ts */
  interface LinkableDefinition {
    // biome-ignore lint/suspicious/noExplicitAny: the real type is Record<string, any>
    properties: Record<string, any>;
    include?: unknown[];
  }

  // biome-ignore lint/complexity/noStaticOnlyClass: mirrors the real class (its instance side is not used here)
  class Linkable {
    static wrap<Resource>(
      // biome-ignore lint/suspicious/noExplicitAny: mirrors the real signature
      cls: { new (...args: any[]): Resource },
      cb: (resource: Resource) => LinkableDefinition,
    ): void;
  }

  /** components/secret.ts */
  class Secret {
    constructor(name: string, placeholder?: SstInput<string>);
    readonly name: SstOutput<string>;
    readonly value: SstOutput<string>;
    readonly placeholder: SstOutput<string> | undefined;
  }

  namespace aws {
    /** components/aws/function.ts (FunctionPermissionArgs) */
    interface FunctionPermissionArgs {
      effect?: "allow" | "deny";
      actions: string[];
      resources: SstInput<SstInput<string>[]>;
    }

    /** components/aws/function.ts (FunctionArgs), the properties Storywire uses. */
    interface FunctionArgs {
      handler: SstInput<string>;
      description?: SstInput<string>;
      runtime?: SstInput<"nodejs18.x" | "nodejs20.x" | "nodejs22.x" | "nodejs24.x">;
      architecture?: SstInput<"x86_64" | "arm64">;
      timeout?: SstInput<SstDurationMinutes>;
      memory?: SstInput<SstSize>;
      retries?: SstInput<number>;
      environment?: SstInput<Record<string, SstInput<string>>>;
      permissions?: SstInput<FunctionPermissionArgs[]>;
      // biome-ignore lint/suspicious/noExplicitAny: the real type is Input<any[]>
      link?: SstInput<any[]>;
      /** `role` is Pulumi's aws.iam.RoleArgs; only the property used here is declared. */
      transform?: { role?: SstTransform<{ assumeRolePolicy: SstInput<string> }> };
      /** Files copied into the function's bundle: from the repository root to a path in the bundle. */
      copyFiles?: SstInput<{ from: SstInput<string>; to?: SstInput<string> }[]>;
      logging?: SstInput<false | { retention?: SstInput<SstLogRetention>; format?: SstInput<"text" | "json"> }>;
      url?: SstInput<
        | boolean
        | {
            authorization?: SstInput<"none" | "iam">;
            cors?: SstInput<boolean | { allowOrigins?: SstInput<SstInput<string>[]> }>;
          }
      >;
      nodejs?: SstInput<{
        install?: SstInput<string[] | Record<string, string>>;
        banner?: SstInput<string>;
        esbuild?: SstInput<{ external?: string[] }>;
        minify?: SstInput<boolean>;
        splitting?: SstInput<boolean>;
        format?: SstInput<"cjs" | "esm">;
        sourcemap?: SstInput<boolean>;
      }>;
    }

    // biome-ignore lint/suspicious/noShadowRestrictedNames: mirrors the real sst.aws.Function
    class Function {
      constructor(name: string, args: FunctionArgs, opts?: unknown);
      readonly url: SstOutput<string>;
      readonly name: SstOutput<string>;
      readonly arn: SstOutput<string>;
    }

    /** components/aws/dynamo.ts */
    interface DynamoArgs {
      fields: SstInput<Record<string, "string" | "number" | "binary">>;
      primaryIndex: SstInput<{ hashKey: SstInput<string>; rangeKey?: SstInput<string> }>;
      globalIndexes?: SstInput<
        Record<
          string,
          SstInput<{
            hashKey: SstInput<string | string[]>;
            rangeKey?: SstInput<string | string[]>;
            projection?: SstInput<"all" | "keys-only" | SstInput<string>[]>;
          }>
        >
      >;
      stream?: SstInput<"keys-only" | "new-image" | "old-image" | "new-and-old-images">;
      ttl?: SstInput<string>;
      deletionProtection?: SstInput<boolean>;
    }

    class Dynamo {
      constructor(name: string, args: DynamoArgs, opts?: unknown);
      readonly name: SstOutput<string>;
      readonly arn: SstOutput<string>;
    }

    /** components/aws/queue.ts */
    interface QueueArgs {
      fifo?: SstInput<boolean | { contentBasedDeduplication?: SstInput<boolean> }>;
      delay?: SstInput<SstDurationMinutes>;
      visibilityTimeout?: SstInput<SstDurationHours>;
      dlq?: SstInput<string | { queue: SstInput<string>; retry: SstInput<number> }>;
      /** `queue` is Pulumi's aws.sqs.QueueArgs; only the property used here is declared. */
      transform?: { queue?: SstTransform<{ messageRetentionSeconds: SstInput<number> }> };
    }

    interface QueueSubscriberArgs {
      // biome-ignore lint/suspicious/noExplicitAny: the real type is Input<Input<Record<string, any>>[]>
      filters?: SstInput<SstInput<Record<string, any>>[]>;
      batch?: SstInput<{
        size?: SstInput<number>;
        window?: SstInput<SstDurationMinutes>;
        partialResponses?: SstInput<boolean>;
      }>;
      /** `eventSourceMapping` is Pulumi's aws.lambda.EventSourceMappingArgs; only what is used here. */
      transform?: {
        eventSourceMapping?: SstTransform<{ scalingConfig: SstInput<{ maximumConcurrency?: SstInput<number> }> }>;
      };
    }

    class Queue {
      constructor(name: string, args?: QueueArgs, opts?: unknown);
      readonly url: SstOutput<string>;
      readonly arn: SstOutput<string>;
      subscribe(
        subscriber: SstInput<string | FunctionArgs | `arn:${string}`>,
        args?: QueueSubscriberArgs,
        opts?: unknown,
      ): SstOutput<unknown>;
    }

    /** components/aws/cron-v2.ts */
    interface CronV2Args {
      function?: SstInput<string | Function | FunctionArgs | `arn:${string}`>;
      event?: SstInput<unknown>;
      schedule: SstInput<`rate(${string})` | `cron(${string})` | `at(${string})`>;
      timezone?: SstInput<string>;
      enabled?: SstInput<boolean>;
      retries?: SstInput<number>;
      dlq?: SstInput<string>;
    }

    class CronV2 {
      constructor(name: string, args: CronV2Args, opts?: unknown);
    }
  }
}
