import { describe, expect, it } from "vitest";
import { keepNewest } from "./item-cap.ts";

interface Entry {
  name: string;
  time: number | null;
}
const entry = (name: string, time: number | null): Entry => ({ name, time });
const names = (entries: Entry[]) => entries.map((e) => e.name);

describe("keepNewest: the item cap of every feed format", () => {
  it("keeps everything, in document order, when under the cap", () => {
    const items = [entry("a", 1), entry("b", 3), entry("c", 2)];
    const { kept, dropped } = keepNewest(items, 3, (e) => e.time);
    expect(names(kept)).toEqual(["a", "b", "c"]);
    expect(dropped).toEqual([]);
  });

  it("keeps the newest whatever the order, each list in document order", () => {
    const oldestFirst = [entry("1", 1), entry("2", 2), entry("3", 3), entry("4", 4)];
    expect(names(keepNewest(oldestFirst, 2, (e) => e.time).kept)).toEqual(["3", "4"]);
    expect(names(keepNewest(oldestFirst, 2, (e) => e.time).dropped)).toEqual(["1", "2"]);
    const shuffled = [entry("2", 2), entry("4", 4), entry("1", 1), entry("3", 3)];
    expect(names(keepNewest(shuffled, 2, (e) => e.time).kept)).toEqual(["4", "3"]);
  });

  it("ranks undated items after dated ones, and ties by document order", () => {
    const items = [entry("u1", null), entry("d1", 5), entry("u2", null), entry("d2", 5)];
    const { kept, dropped } = keepNewest(items, 3, (e) => e.time);
    expect(names(kept)).toEqual(["u1", "d1", "d2"]);
    expect(names(dropped)).toEqual(["u2"]);
  });

  it("a cap of zero drops every item and counts them", () => {
    const { kept, dropped } = keepNewest([entry("a", 1), entry("b", null)], 0, (e) => e.time);
    expect(kept).toEqual([]);
    expect(dropped).toHaveLength(2);
  });
});
