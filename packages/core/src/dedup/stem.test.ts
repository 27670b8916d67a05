import { describe, expect, it } from "vitest";
import { stem } from "./stem.ts";

describe("stem", () => {
  it.each([
    ["signed", "signing", "signs", "sign"],
    ["talks", "talk", "talk", "talk"],
    ["strikes", "striking", "strike", "strike"],
    ["violation", "violations", "violated", "violate"],
    ["agreed", "agrees", "agree", "agree"],
    ["stopped", "stopping", "stops", "stop"],
    ["terrorism", "terror", "terror", "terror"],
  ])("gives %s, %s, %s and %s one stem", (...forms) => {
    expect(new Set(forms.map(stem)).size).toBe(1);
  });

  it("keeps words of different meaning apart and leaves short words and figures alone", () => {
    expect(stem("suspension")).not.toBe(stem("suspend"));
    expect(stem("us")).toBe("us");
    expect(stem("1000")).toBe("1000");
  });
});
