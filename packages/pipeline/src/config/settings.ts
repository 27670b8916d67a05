/**
 * Every setting of Storywire, read one way wherever it runs: the local runtime (embedded defaults, then
 * storywire.config.json, then the environment, then command-line flags) and each Lambda function (the
 * environment, then the linked SST resources). One table names each setting's key, environment variable and range;
 * one schema (zod) is built from it; every value is checked at start-up, and a value that is not one of the
 * setting's values stops the start with a sentence naming the setting and the value. README "Configuration"
 * documents each row (a test holds the two together).
 *
 * zod/mini: this module is in every Lambda bundle, the schedule function's too, so only what it uses is bundled.
 */
import * as z from "zod/mini";
import { DEFAULT_FEEDS } from "./default-feeds.ts";

type Kind =
  | { type: "int"; min: number; max: number }
  | { type: "bool" }
  | { type: "string"; minLength?: number }
  | { type: "url" }
  | { type: "list"; minLength?: number };

interface Setting {
  env: string;
  kind: Kind;
  default?: unknown;
}

const int = (min: number, max: number) => ({ type: "int" as const, min, max });

/** The settings, by their key in storywire.config.json and in the Config object. */
export const SETTINGS = {
  port: { env: "STORYWIRE_PORT", kind: int(0, 65535), default: 8787 },
  host: { env: "STORYWIRE_HOST", kind: { type: "string", minLength: 1 }, default: "127.0.0.1" },
  dataDir: { env: "STORYWIRE_DATA_DIR", kind: { type: "string", minLength: 1 }, default: ".storywire" },
  pollIntervalSeconds: { env: "STORYWIRE_POLL_INTERVAL", kind: int(1, 86_400), default: 300 },
  feeds: { env: "STORYWIRE_FEEDS", kind: { type: "list" }, default: DEFAULT_FEEDS },
  allowPrivateNetworks: { env: "STORYWIRE_ALLOW_PRIVATE_NETWORKS", kind: { type: "bool" }, default: false },
  adminKey: { env: "STORYWIRE_ADMIN_KEY", kind: { type: "string", minLength: 16 } },
  previousAdminKeys: { env: "STORYWIRE_PREVIOUS_ADMIN_KEYS", kind: { type: "list", minLength: 16 }, default: [] },
  claimTimeoutSeconds: { env: "STORYWIRE_CLAIM_TIMEOUT", kind: int(1, 900), default: 60 },
  publicUrl: { env: "STORYWIRE_PUBLIC_URL", kind: { type: "url" } },
  dynamoEndpoint: { env: "STORYWIRE_DYNAMO_ENDPOINT", kind: { type: "url" } },
  tableName: { env: "STORYWIRE_TABLE", kind: { type: "string", minLength: 3 }, default: "storywire" },
  fetchQueueUrl: { env: "STORYWIRE_FETCH_QUEUE_URL", kind: { type: "url" } },
  deliveryQueueUrl: { env: "STORYWIRE_DELIVERY_QUEUE_URL", kind: { type: "url" } },
  fullTextBudget: { env: "STORYWIRE_FULLTEXT_BUDGET", kind: int(0, 100), default: 10 },
  smtpUrl: { env: "STORYWIRE_SMTP_URL", kind: { type: "url" } },
  emailFrom: { env: "STORYWIRE_EMAIL_FROM", kind: { type: "string", minLength: 3 } },
  rateLimitPerKey: { env: "STORYWIRE_RATE_LIMIT_PER_KEY", kind: int(0, 1_000_000), default: 600 },
  rateLimitPerAddress: { env: "STORYWIRE_RATE_LIMIT_PER_ADDRESS", kind: int(0, 1_000_000), default: 300 },
  rateLimitWindowSeconds: { env: "STORYWIRE_RATE_LIMIT_WINDOW", kind: int(1, 86_400), default: 60 },
  rateLimitLoopback: { env: "STORYWIRE_RATE_LIMIT_LOOPBACK", kind: { type: "bool" }, default: false },
  listCacheMs: { env: "STORYWIRE_LIST_CACHE_MS", kind: int(0, 60_000), default: 1000 },
  searchWordsPerStory: { env: "STORYWIRE_SEARCH_WORDS", kind: int(0, 600), default: 600 },
  storylinesFile: { env: "STORYWIRE_STORYLINES", kind: { type: "string", minLength: 1 } },
} as const satisfies Record<string, Setting>;

export type SettingKey = keyof typeof SETTINGS;

/** What a value must be, as the end of a sentence: "must be a whole number from 1 to 900". */
function expected(kind: Kind): string {
  switch (kind.type) {
    case "int":
      return `must be a whole number from ${kind.min} to ${kind.max}`;
    case "bool":
      return "must be 1 or true (on), 0 or false (off)";
    case "url":
      return "must be an absolute URL, such as https://example.org";
    case "list":
      return kind.minLength
        ? `must be a list (comma-separated in the environment) of values of at least ${kind.minLength} characters`
        : "must be a list (comma-separated in the environment)";
    case "string":
      return kind.minLength && kind.minLength > 1
        ? `must be text of at least ${kind.minLength} characters`
        : "must be text that is not empty";
  }
}

function schemaOf(kind: Kind): z.ZodMiniType {
  switch (kind.type) {
    case "int":
      return z.int().check(z.gte(kind.min), z.lte(kind.max));
    case "bool":
      return z.boolean();
    case "url":
      // Trailing slashes go: links are built as `${publicUrl}/stories/…`.
      return z.pipe(
        z.url({ protocol: /^[a-z][a-z0-9+.-]*$/ }),
        z.transform((value: string) => value.replace(/\/+$/, "")),
      );
    case "list":
      return z.array(z.string().check(z.minLength(kind.minLength ?? 1)));
    case "string":
      return z.string().check(z.minLength(kind.minLength ?? 1));
  }
}

function field(setting: Setting): z.ZodMiniType {
  const schema = schemaOf(setting.kind);
  return setting.default === undefined ? z.optional(schema) : z._default(schema, setting.default as never);
}

export const ConfigSchema = z.strictObject(
  Object.fromEntries(Object.entries(SETTINGS).map(([key, setting]) => [key, field(setting)])) as {
    [K in SettingKey]: z.ZodMiniType;
  },
);

type Value<S extends Setting> = S["kind"] extends { type: "int" }
  ? number
  : S["kind"] extends { type: "bool" }
    ? boolean
    : S["kind"] extends { type: "list" }
      ? string[]
      : string;

/** The configuration: every setting with its value (defaults applied); optional settings may be absent. */
export type Config = {
  [K in SettingKey as (typeof SETTINGS)[K] extends { default: unknown } ? K : never]: Value<(typeof SETTINGS)[K]>;
} & {
  [K in SettingKey as (typeof SETTINGS)[K] extends { default: unknown } ? never : K]?: Value<(typeof SETTINGS)[K]>;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

const TRUE = new Set(["1", "true"]);
const FALSE = new Set(["0", "false"]);

/** One environment variable's text as the setting's value; a text that is none of its values is a ConfigError. */
function fromEnv(key: SettingKey, raw: string): unknown {
  const setting: Setting = SETTINGS[key];
  const text = raw.trim();
  const refuse = () =>
    new ConfigError(
      `${setting.env} ${expected(setting.kind)}; got "${raw}". Fix it in the environment, or unset it to use the default.`,
    );
  switch (setting.kind.type) {
    case "int": {
      const value = Number(text);
      const { min, max } = setting.kind;
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) throw refuse();
      return value;
    }
    case "bool": {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      throw refuse();
    }
    case "url":
      if (!URL.canParse(text)) throw refuse();
      return text;
    case "list":
      return text.split(/[\s,]+/).filter(Boolean);
    default:
      return text;
  }
}

/** The first problem of a failed parse as a sentence: where it came from, the setting, what it must be. */
function describe(error: z.core.$ZodError, origin: string): string {
  const issue = error.issues[0];
  const key = String(issue?.path[0] ?? "");
  if (issue?.code === "unrecognized_keys") {
    const names = (issue as { keys?: string[] }).keys ?? [];
    return `${origin}: ${names.map((n) => `"${n}"`).join(", ")} is not a setting of Storywire (see README "Configuration"). Remove it or fix its name.`;
  }
  const setting = (SETTINGS as Record<string, Setting>)[key];
  const what = setting ? expected(setting.kind) : (issue?.message ?? "is not valid");
  const at = issue && issue.path.length > 1 ? `[${issue.path.slice(1).join(".")}]` : "";
  return `${origin}: "${key}"${at} ${what}. Fix it, or remove it to use the default.`;
}

export interface ConfigSources {
  /** The environment (process.env): STORYWIRE_* variables. Empty values count as unset. */
  env?: Record<string, string | undefined>;
  /** The parsed storywire.config.json, and its path for messages. */
  file?: { path: string; values: unknown };
  /** Command-line flags, or the values a runtime knows better (Lambda's linked resources); they win. */
  overrides?: Partial<Record<SettingKey, unknown>>;
}

/** The configuration from its sources, checked once: a value that does not fit throws a ConfigError naming it. */
export function parseConfig(sources: ConfigSources = {}): Config {
  const layers: Record<string, unknown> = {};
  if (sources.file) {
    const values = sources.file.values;
    if (typeof values !== "object" || values === null || Array.isArray(values)) {
      throw new ConfigError(`${sources.file.path}: must be a JSON object of settings (see README "Configuration").`);
    }
    const checked = z.partial(ConfigSchema).safeParse(values);
    if (!checked.success) throw new ConfigError(describe(checked.error, sources.file.path));
    Object.assign(layers, values);
  }
  const env = sources.env ?? {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const raw = env[SETTINGS[key].env];
    if (raw !== undefined && raw.trim() !== "") layers[key] = fromEnv(key, raw);
  }
  for (const [key, value] of Object.entries(sources.overrides ?? {})) {
    if (value !== undefined) layers[key] = value;
  }
  const parsed = ConfigSchema.safeParse(layers);
  if (!parsed.success) throw new ConfigError(describe(parsed.error, "configuration"));
  return parsed.data as Config;
}
