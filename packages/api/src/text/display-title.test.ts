import { describe, expect, it } from "vitest";
import { displayTitle } from "./display-title.ts";

describe("displayTitle", () => {
  it("keeps a stored title, derives one from the text, and says so when there is neither", () => {
    expect(displayTitle({ title: "Stored", text: "Other words." })).toBe("Stored");
    expect(displayTitle({ title: "  ", text: "Derived words. More." })).toBe("Derived words");
    expect(displayTitle({ title: "" })).toBe("(no title or text)");
  });
});
