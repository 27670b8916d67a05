/**
 * Secrets at rest (webhook signing secrets, feed tokens): AES-256-GCM under a key derived with HKDF-SHA256 from
 * the admin key, so a copy of the table (a backup, an export, the local data folder) does not reveal them. The
 * record's own id and field name are the additional authenticated data: a sealed value moved to another record
 * or field does not open.
 *
 * A sealed value is `swenc:v1:<key id>:<iv>:<ciphertext+tag>` (base64url parts). The key id (8 hex characters of a
 * hash of the derived key, not of the admin key) says which key sealed it: after the admin key is rotated, values
 * sealed under a previous key still open when that key is given as `previous`, and are sealed again under the
 * current one (see needsReseal). A value without the prefix is plaintext written before encryption existed.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { StoreError } from "./errors.ts";

const PREFIX = "swenc:v1:";
const SALT = "storywire secrets at rest v1";
const INFO = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Key {
  id: string;
  bytes: Buffer;
}

export interface SecretBoxKeys {
  /** The admin key: values are sealed under the key derived from it. */
  current: string;
  /** Admin keys used before a rotation: values sealed under them still open (and are sealed again). */
  previous?: readonly string[];
}

export interface SecretBox {
  /** Seals `plain` for the field `context` (e.g. "subscription:<id>:secret"). */
  seal(plain: string, context: string): string;
  /** Opens a sealed value (or returns legacy plaintext as it is); throws a StoreError naming `what` otherwise. */
  open(value: string, context: string, what: string): string;
  /** True when the value is plaintext or sealed under a previous key: it should be sealed again. */
  needsReseal(value: string): boolean;
}

function deriveKey(adminKey: string): Key {
  const bytes = Buffer.from(hkdfSync("sha256", adminKey, SALT, INFO, 32));
  const id = createHash("sha256").update("storywire key id\u0000").update(bytes).digest("hex").slice(0, 8);
  return { id, bytes };
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function createSecretBox(keys: SecretBoxKeys): SecretBox {
  if (typeof keys.current !== "string" || keys.current.length === 0) {
    throw new StoreError("The key that protects stored secrets is empty; give the admin key.");
  }
  const current = deriveKey(keys.current);
  const byId = new Map<string, Key>([[current.id, current]]);
  for (const previous of keys.previous ?? []) {
    if (!previous) continue;
    const key = deriveKey(previous);
    if (!byId.has(key.id)) byId.set(key.id, key);
  }

  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", current.bytes, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${current.id}:${iv.toString("base64url")}:${sealed.toString("base64url")}`;
    },

    open(value, context, what) {
      if (!isSealed(value)) return value;
      const [keyId, ivText, dataText] = value.slice(PREFIX.length).split(":");
      const key = keyId === undefined ? undefined : byId.get(keyId);
      if (!key) {
        throw new StoreError(
          `${what} was encrypted under another admin key (key id ${keyId ?? "missing"}), so it cannot be read. ` +
            "If the admin key was rotated, give the old one as a previous admin key (STORYWIRE_PREVIOUS_ADMIN_KEYS " +
            "locally, the PreviousAdminApiKey secret in AWS) until every record has been read once.",
        );
      }
      try {
        const iv = Buffer.from(ivText ?? "", "base64url");
        const data = Buffer.from(dataText ?? "", "base64url");
        if (iv.length !== IV_BYTES || data.length < TAG_BYTES) throw new Error("truncated");
        const decipher = createDecipheriv("aes-256-gcm", key.bytes, iv);
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new StoreError(
          `${what} is damaged or belongs to another record: its encryption does not verify. ` +
            "Rotate it (POST /subscriptions/{id}/rotate-secret) or recreate the subscription.",
        );
      }
    },

    needsReseal(value) {
      return !isSealed(value) || !value.startsWith(`${PREFIX}${current.id}:`);
    },
  };
}

/** The index key of a bearer token: its SHA-256 (the token itself is stored only sealed). */
export function tokenDigest(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
