/**
 * Recording stand-ins for the SST globals, so tests can run sst.config.ts without SST, Pulumi or AWS.
 * Each stand-in records its component type, name and arguments and exposes the attributes infra/ reads
 * (name, arn, url, subscribe ...) as readable placeholder strings such as "<FetchQueue.url>". Where SST
 * itself refuses something at deploy time (a second subscriber on a queue, a URL on a function without
 * `url`, a CronV2 without a target), the stand-in throws the same way, so the tests see it.
 */

export interface RecordedComponent {
  /** SST's link type, e.g. "sst.aws.Queue" (Pulumi type with ":" replaced by "."). */
  type: string;
  name: string;
  args: Record<string, unknown>;
  instance: object;
}

export interface RecordedSubscription {
  /** The subscribed queue's component name. */
  queue: string;
  subscriber: unknown;
  args: Record<string, unknown>;
}

export interface FunctionDefinition {
  /** Where it was defined, e.g. "Function Api", "CronV2 Schedule", "FetchQueue subscriber". */
  source: string;
  args: Record<string, unknown>;
}

export interface AppState {
  name: string;
  stage: string;
  removal: "remove" | "retain" | "retain-all";
  protect: boolean;
}

export interface StandInOptions {
  /** Values of secrets as `sst secret set` would give them; an unset secret has its placeholder (or none). */
  secrets?: Record<string, string>;
  /** `sst dev` instead of a deploy. */
  dev?: boolean;
}

/** A `sst.Linkable.wrap` call: the wrapped component type and the definition it builds for an instance. */
export interface RecordedLinkWrap {
  type: string;
  define: (instance: unknown) => { properties: Record<string, unknown>; include?: unknown[] };
}

export class SstRecorder {
  readonly components: RecordedComponent[] = [];
  readonly subscriptions: RecordedSubscription[] = [];
  readonly linkWraps: RecordedLinkWrap[] = [];

  /** What linking `instance` gives a function: SST's built-in link unless Linkable.wrap replaced it. */
  linkOf(instance: unknown): { properties: Record<string, unknown>; include?: unknown[] } | undefined {
    const type = this.components.find((component) => component.instance === instance)?.type;
    const wrap = [...this.linkWraps].reverse().find((w) => w.type === type);
    return wrap?.define(instance);
  }

  /** The one component of `type` called `name`; throws when there is none. */
  get(type: string, name: string): RecordedComponent {
    const found = this.components.find((component) => component.type === type && component.name === name);
    if (!found) throw new Error(`No ${type} named "${name}" was created.`);
    return found;
  }

  ofType(type: string): RecordedComponent[] {
    return this.components.filter((component) => component.type === type);
  }

  /** The subscription of the queue called `queue`; throws when nothing subscribed to it. */
  subscription(queue: string): RecordedSubscription {
    const found = this.subscriptions.find((subscription) => subscription.queue === queue);
    if (!found) throw new Error(`Nothing subscribed to the queue "${queue}".`);
    return found;
  }

  /**
   * Every Lambda function the app defines, wherever its arguments were given: `new sst.aws.Function`,
   * a CronV2 `function`, a queue subscriber. A bare handler string becomes `{ handler }`.
   */
  functionDefinitions(): FunctionDefinition[] {
    const definitions: FunctionDefinition[] = this.ofType("sst.aws.Function").map((component) => ({
      source: `Function ${component.name}`,
      args: component.args,
    }));
    for (const cron of this.ofType("sst.aws.CronV2")) {
      const target = cron.args.function ?? cron.args.job;
      if (target !== undefined) definitions.push({ source: `CronV2 ${cron.name}`, args: functionArgs(target) });
    }
    for (const subscription of this.subscriptions) {
      definitions.push({ source: `${subscription.queue} subscriber`, args: functionArgs(subscription.subscriber) });
    }
    return definitions;
  }

  /** The component name of a stand-in instance (an entry of a `link` array), or undefined. */
  nameOf(instance: unknown): string | undefined {
    return this.components.find((component) => component.instance === instance)?.name;
  }
}

const GLOBAL_NAMES = ["$config", "$app", "$dev", "$resolve", "aws", "sst"] as const;

/** The deploy-time values the stand-ins give for the account the app is planned into. */
export const STAND_IN_ACCOUNT = { partition: "aws", region: "eu-west-1", accountId: "111122223333" } as const;

function placeholder(name: string, attribute: string): string {
  return `<${name}.${attribute}>`;
}

function argsObject(args: unknown): Record<string, unknown> {
  return typeof args === "object" && args !== null ? (args as Record<string, unknown>) : {};
}

function functionArgs(target: unknown): Record<string, unknown> {
  return typeof target === "string" ? { handler: target } : argsObject(target);
}

function createComponents(recorder: SstRecorder, options: StandInOptions) {
  function record(type: string, name: string, args: unknown, instance: object): void {
    if (recorder.components.some((component) => component.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`Component name ${name} is not unique.`);
    }
    recorder.components.push({ type, name, args: argsObject(args), instance });
  }

  class SecretStandIn {
    readonly name: string;
    readonly value: string;
    readonly placeholder: string | undefined;
    constructor(name: string, placeholderValue?: string) {
      record("sst.sst.Secret", name, { placeholder: placeholderValue }, this);
      this.name = name;
      // As SST: the value set for the stage, else the placeholder; a required secret never set stays a marker.
      this.value = options.secrets?.[name] ?? placeholderValue ?? placeholder(name, "value");
      this.placeholder = placeholderValue;
    }
  }

  const Linkable = {
    wrap(cls: { name: string }, define: RecordedLinkWrap["define"]) {
      const type = LINKABLE_TYPES.get(cls);
      if (!type) throw new Error(`Linkable.wrap: ${cls.name} is not a component class of these stand-ins.`);
      recorder.linkWraps.push({ type, define });
    },
  };

  class FunctionStandIn {
    readonly name: string;
    readonly arn: string;
    readonly #componentName: string;
    readonly #urlEnabled: boolean;
    constructor(name: string, args: unknown) {
      record("sst.aws.Function", name, args, this);
      this.#componentName = name;
      this.#urlEnabled = Boolean(argsObject(args).url);
      this.name = placeholder(name, "name");
      this.arn = placeholder(name, "arn");
    }
    get url(): string {
      if (!this.#urlEnabled) throw new Error('Function URL is not enabled. Enable it with "url: true".');
      return placeholder(this.#componentName, "url");
    }
  }

  class DynamoStandIn {
    readonly name: string;
    readonly arn: string;
    constructor(name: string, args: unknown) {
      record("sst.aws.Dynamo", name, args, this);
      this.name = placeholder(name, "name");
      this.arn = placeholder(name, "arn");
    }
  }

  class QueueStandIn {
    readonly url: string;
    readonly arn: string;
    readonly #componentName: string;
    #subscribed = false;
    constructor(name: string, args?: unknown) {
      record("sst.aws.Queue", name, args, this);
      this.#componentName = name;
      this.url = placeholder(name, "url");
      this.arn = placeholder(name, "arn");
    }
    subscribe(subscriber: unknown, args?: unknown): object {
      if (this.#subscribed) {
        throw new Error(`Cannot subscribe to the "${this.#componentName}" queue multiple times.`);
      }
      this.#subscribed = true;
      recorder.subscriptions.push({ queue: this.#componentName, subscriber, args: argsObject(args) });
      return { queue: this.#componentName };
    }
  }

  class CronV2StandIn {
    constructor(name: string, args: unknown) {
      const { function: target, job, task } = argsObject(args);
      if (target !== undefined && job !== undefined) {
        throw new Error(`You cannot provide both "job" and "function" in the "${name}" CronV2 component.`);
      }
      if (target === undefined && job === undefined && task === undefined) {
        throw new Error(`You must provide either a function or a task in the "${name}" CronV2 component.`);
      }
      record("sst.aws.CronV2", name, args, this);
    }
  }

  const LINKABLE_TYPES = new Map<unknown, string>([
    [DynamoStandIn, "sst.aws.Dynamo"],
    [QueueStandIn, "sst.aws.Queue"],
    [FunctionStandIn, "sst.aws.Function"],
    [SecretStandIn, "sst.sst.Secret"],
  ]);

  return {
    Secret: SecretStandIn,
    Linkable,
    aws: { Function: FunctionStandIn, Dynamo: DynamoStandIn, Queue: QueueStandIn, CronV2: CronV2StandIn },
  };
}

/** Stand-in Outputs are plain values, so $resolve(values).apply(fn) is fn(values): tests read the result. */
function resolveStandIn(values: unknown[]) {
  return { apply: (fn: (resolved: unknown[]) => unknown) => fn(values) };
}

const awsStandIn = {
  getPartitionOutput: () => ({ partition: STAND_IN_ACCOUNT.partition }),
  getRegionOutput: () => ({ region: STAND_IN_ACCOUNT.region }),
  getCallerIdentityOutput: () => ({ accountId: STAND_IN_ACCOUNT.accountId }),
};

/** Puts the stand-ins on globalThis (replacing earlier ones) and returns the recorder they write to. */
export function installSstStandIns(app: AppState, options: StandInOptions = {}): SstRecorder {
  const recorder = new SstRecorder();
  Object.assign(globalThis, {
    $config: <T>(config: T): T => config,
    $app: { ...app, providers: {} },
    $dev: options.dev ?? false,
    $resolve: resolveStandIn,
    aws: awsStandIn,
    sst: createComponents(recorder, options),
  });
  return recorder;
}

export function removeSstStandIns(): void {
  for (const name of GLOBAL_NAMES) Reflect.deleteProperty(globalThis, name);
}

const SECONDS_PER_UNIT: Readonly<Record<string, number>> = { second: 1, minute: 60, hour: 3600, day: 86_400 };

/** Seconds in an SST duration such as "30 seconds" or "12 minutes"; throws on anything else. */
export function durationSeconds(duration: unknown): number {
  const match = typeof duration === "string" ? /^(\d+) (second|minute|hour|day)s?$/.exec(duration) : null;
  const unit = match?.[2];
  if (!match || unit === undefined) throw new Error(`Not an SST duration: ${JSON.stringify(duration)}.`);
  return Number(match[1]) * (SECONDS_PER_UNIT[unit] ?? Number.NaN);
}
