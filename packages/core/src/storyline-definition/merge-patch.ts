/**
 * JSON Merge Patch (RFC 7396), how `PATCH /storylines/{id}` edits a storyline: objects merge member by member,
 * `null` removes a member (so the field falls back to its default), anything else (lists included) replaces.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = applyMergePatch(base[key], value);
  }
  return base;
}
