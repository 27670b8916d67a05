/**
 * Local configuration: embedded defaults, then storywire.config.json (in the working directory, or the file named
 * by STORYWIRE_CONFIG), then environment variables, then command-line flags. Every setting is documented in the
 * README's Configuration section.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_FEEDS } from "./default-feeds.ts";

export const ConfigSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(8787),
    host: z.string().default("127.0.0.1"),
    dataDir: z.string().default(".storywire"),
    /** Seconds between two checks of a healthy, busy feed. */
    pollIntervalSeconds: z.number().min(1).max(86_400).default(300),
    feeds: z.array(z.string()).default([...DEFAULT_FEEDS]),
    allowPrivateNetworks: z.boolean().default(false),
    adminKey: z.string().min(16).optional(),
    /** Admin keys used before the current one: stored secrets sealed under them are read and sealed again. */
    previousAdminKeys: z.array(z.string().min(16)).default([]),
    /** Seconds a crashed worker's claim (feed fetch, delivery, storyline lock) blocks others. */
    claimTimeoutSeconds: z.number().int().min(1).max(900).default(60),
    /** Base URL the API is reached at, used for links in alerts. Defaults to http://localhost:<port>. */
    publicUrl: z.string().url().optional(),
    /** DynamoDB endpoint to use instead of the embedded one (e.g. DynamoDB Local or AWS). */
    dynamoEndpoint: z.string().url().optional(),
    tableName: z.string().default("storywire"),
    /** Linked article pages fetched per feed check when items carry only a summary. */
    fullTextBudget: z.number().int().min(0).max(100).default(10),
    /** SMTP URL for email alerts, e.g. smtp://user:pass@localhost:1025. */
    smtpUrl: z.string().optional(),
    emailFrom: z.string().default("Storywire <storywire@localhost>"),
    /** API requests per window per API key (0: no limit). */
    rateLimitPerKey: z.number().int().min(0).max(1_000_000).default(600),
    /** API requests per window per client address without a key (0: no limit). */
    rateLimitPerAddress: z.number().int().min(0).max(1_000_000).default(300),
    rateLimitWindowSeconds: z.number().int().min(1).max(86_400).default(60),
    /** Limit loopback clients too (off: locally, the only client is you). */
    rateLimitLoopback: z.boolean().default(false),
    /** Milliseconds a story list page is answered from memory (0: always read the store). */
    listCacheMs: z.number().int().min(0).max(60_000).default(1000),
    /** Words of each new story in the search index (0: no search); each is one small write. */
    searchWordsPerStory: z.number().int().min(0).max(600).default(600),
    /** A storylines file (JSON): its storylines are added to the built-in ones and are read-only through the API. */
    storylinesFile: z.string().min(1).optional(),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

const ENV: Record<string, { key: keyof Config; parse: (v: string) => unknown }> = {
  STORYWIRE_PORT: { key: "port", parse: Number },
  STORYWIRE_HOST: { key: "host", parse: String },
  STORYWIRE_DATA_DIR: { key: "dataDir", parse: String },
  STORYWIRE_POLL_INTERVAL: { key: "pollIntervalSeconds", parse: Number },
  STORYWIRE_FEEDS: { key: "feeds", parse: (v) => v.split(/[\s,]+/).filter(Boolean) },
  STORYWIRE_ALLOW_PRIVATE_NETWORKS: { key: "allowPrivateNetworks", parse: (v) => v === "1" || v === "true" },
  STORYWIRE_ADMIN_KEY: { key: "adminKey", parse: String },
  STORYWIRE_PREVIOUS_ADMIN_KEYS: { key: "previousAdminKeys", parse: (v) => v.split(/[\s,]+/).filter(Boolean) },
  STORYWIRE_CLAIM_TIMEOUT: { key: "claimTimeoutSeconds", parse: Number },
  STORYWIRE_PUBLIC_URL: { key: "publicUrl", parse: String },
  STORYWIRE_DYNAMO_ENDPOINT: { key: "dynamoEndpoint", parse: String },
  STORYWIRE_TABLE: { key: "tableName", parse: String },
  STORYWIRE_FULLTEXT_BUDGET: { key: "fullTextBudget", parse: Number },
  STORYWIRE_SMTP_URL: { key: "smtpUrl", parse: String },
  STORYWIRE_EMAIL_FROM: { key: "emailFrom", parse: String },
  STORYWIRE_RATE_LIMIT_PER_KEY: { key: "rateLimitPerKey", parse: Number },
  STORYWIRE_RATE_LIMIT_PER_ADDRESS: { key: "rateLimitPerAddress", parse: Number },
  STORYWIRE_RATE_LIMIT_WINDOW: { key: "rateLimitWindowSeconds", parse: Number },
  STORYWIRE_RATE_LIMIT_LOOPBACK: { key: "rateLimitLoopback", parse: (v) => v === "1" || v === "true" },
  STORYWIRE_LIST_CACHE_MS: { key: "listCacheMs", parse: Number },
  STORYWIRE_SEARCH_WORDS: { key: "searchWordsPerStory", parse: Number },
  STORYWIRE_STORYLINES: { key: "storylinesFile", parse: String },
};

function describeIssues(error: z.ZodError, origin: string): string {
  const first = error.issues[0];
  const field = first?.path.join(".") || "(root)";
  return `${origin}: "${field}" ${first?.message ?? "is invalid"}. Fix it or remove it to use the default.`;
}

export function loadConfig(
  options: { cwd?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<Config> } = {},
): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, env.STORYWIRE_CONFIG ?? "storywire.config.json");
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON (${(error as Error).message}). Fix the file or remove it.`);
    }
    const fileCheck = ConfigSchema.partial().safeParse(fromFile);
    if (!fileCheck.success) throw new ConfigError(describeIssues(fileCheck.error, file));
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, { key, parse }] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw !== undefined && raw !== "") fromEnv[key] = parse(raw);
  }
  const envCheck = ConfigSchema.partial().safeParse(fromEnv);
  if (!envCheck.success) throw new ConfigError(describeIssues(envCheck.error, "environment"));
  const merged = ConfigSchema.safeParse({ ...fromFile, ...fromEnv, ...options.overrides });
  if (!merged.success) throw new ConfigError(describeIssues(merged.error, "configuration"));
  return merged.data;
}
