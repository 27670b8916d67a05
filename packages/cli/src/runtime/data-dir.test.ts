import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { previousStoredAdminKey, secureDataDir, storedAdminKey } from "./data-dir.ts";

const mode = (path: string) => statSync(path).mode & 0o777;

describe("the local data folder", () => {
  it("is created owner-only, and an existing one (with its files) is made owner-only", () => {
    const root = mkdtempSync(join(tmpdir(), "storywire-data-"));
    const fresh = join(root, "fresh", ".storywire");
    secureDataDir(fresh);
    expect(mode(fresh)).toBe(0o700);

    const old = join(root, "old");
    mkdirSync(join(old, "dynamo"), { recursive: true, mode: 0o755 });
    writeFileSync(join(old, "dynamo", "000003.log"), "data", { mode: 0o644 });
    writeFileSync(join(old, "dynamo", "LOCK"), "", { mode: 0o666 });
    secureDataDir(old);
    expect([mode(old), mode(join(old, "dynamo"))]).toEqual([0o700, 0o700]);
    expect([mode(join(old, "dynamo", "000003.log")), mode(join(old, "dynamo", "LOCK"))]).toEqual([0o600, 0o600]);
  });

  it("keeps a generated admin key, owner-only, and gives the same one on the next start", () => {
    const dir = mkdtempSync(join(tmpdir(), "storywire-key-"));
    secureDataDir(dir);
    const first = storedAdminKey(dir, () => "sw_generated_key_0123456789");
    expect(first).toEqual({ key: "sw_generated_key_0123456789", created: true });
    expect(mode(join(dir, "admin-key"))).toBe(0o600);
    expect(storedAdminKey(dir, () => "sw_other_key_9876543210")).toEqual({
      key: "sw_generated_key_0123456789",
      created: false,
    });
    expect(previousStoredAdminKey(dir)).toBe("sw_generated_key_0123456789");
    writeFileSync(join(dir, "admin-key"), "short");
    expect(() => storedAdminKey(dir, () => "x")).toThrow(/does not hold an admin key/);
    expect(readFileSync(join(dir, "admin-key"), "utf8")).toBe("short");
  });
});
