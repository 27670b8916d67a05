import { describe, expect, it } from "vitest";
import { classifyAgainst } from "./classify.ts";
import { fingerprint } from "./prepare.ts";

const A = {
  id: "a",
  title: "Chinese and Russian bombers fly joint patrol near Japan",
  text: "Chinese and Russian strategic bombers flew a joint patrol over the Sea of Japan on Tuesday, Japan's defence ministry said.\n\nTwo Russian Tu-95 bombers joined two Chinese H-6 bombers before flying toward the East China Sea.\n\nChina's defence ministry said the flight was part of an annual cooperation plan.",
};
const B = {
  id: "b",
  title: "NATO begins Baltic exercise",
  text: "NATO began its BALTOPS naval exercise in the Baltic Sea on Monday with 50 ships.\n\nAllied officials said the drills were a signal of unity after cable sabotage incidents.",
};

describe("classifyAgainst", () => {
  it("finds the duplicate among candidates", () => {
    const repost = { title: "Bombers patrol near Japan", text: A.text };
    expect(classifyAgainst(repost, [B, A])).toMatchObject({ relation: "duplicate", matchId: "a", novel: [] });
  });

  it("finds an update and returns its new sentences", () => {
    const update = {
      title: A.title,
      text: `${A.text}\n\nJapan said four Chinese J-16 fighters escorted the bombers near Okinawa.`,
    };
    const r = classifyAgainst(update, [B, A]);
    expect(r).toMatchObject({ relation: "update", matchId: "a" });
    expect(r.novel).toEqual(["Japan said four Chinese J-16 fighters escorted the bombers near Okinawa."]);
  });

  it("prefers a duplicate over an update", () => {
    const older = { id: "older", title: A.title, text: A.text.split("\n\n").slice(0, 2).join("\n\n") };
    expect(classifyAgainst({ title: A.title, text: A.text }, [older, A])).toMatchObject({
      relation: "duplicate",
      matchId: "a",
    });
  });

  it("is the first of its event when nothing matches", () => {
    expect(classifyAgainst({ title: "x", text: "A football club signed a striker on Monday." }, [A, B])).toEqual({
      relation: "first",
      matchId: null,
      novel: [],
      similarity: 0,
    });
  });

  it("compares every candidate: a stored fingerprint far from the story's does not hide it", () => {
    // Another outlet's rewrite is as far from the original in SimHash bits as an unrelated story.
    const own = fingerprint({ title: A.title, text: A.text });
    const opposite = [...own].map((h) => (15 - Number.parseInt(h, 16)).toString(16)).join("");
    expect(classifyAgainst({ title: A.title, text: A.text }, [{ ...A, fingerprint: opposite }]).relation).toBe(
      "duplicate",
    );
  });

  it("dates candidates by publishedAt when their text has no date: a follow-up weeks later is another event", () => {
    const report = {
      id: "report",
      title: "Drone strike cuts power to Shostka",
      text: "Russian drones hit the power station in Shostka overnight, cutting electricity to 40,000 homes, the governor said.",
    };
    const followUp = {
      title: "Shostka power station repairs to take a week",
      text: "Repairs at the Shostka power station will take a week, engineers said, as 25,000 homes remained without power.",
    };
    const at = (iso: string) => ({ ...report, publishedAt: iso });
    const story = { ...followUp, publishedAt: "2025-11-04T09:00:00Z" };
    expect(classifyAgainst(story, [at("2025-11-03T06:00:00Z")])).toMatchObject({
      relation: "update",
      matchId: "report",
    });
    expect(classifyAgainst(story, [at("2025-10-10T06:00:00Z")]).relation).toBe("first");
  });

  it("prepares a candidate once and sees a changed text as a new candidate", () => {
    const repost = { title: "Bombers patrol near Japan", text: A.text };
    expect(classifyAgainst(repost, [A]).relation).toBe("duplicate");
    expect(classifyAgainst(repost, [{ ...A, text: B.text }]).relation).toBe("first");
  });

  it("places a reworded re-post with its own dateline and capitals as a duplicate", () => {
    const repost = {
      title: "Bombers of China, Russia patrol Sea of Japan",
      text: A.text
        .replace(
          "Chinese and Russian strategic bombers flew",
          "TOKYO, Japan, May 20 - Chinese and Russian strategic bombers flew",
        )
        .replace("China's defence ministry said", "Beijing's defence ministry said"),
    };
    expect(classifyAgainst(repost, [B, A])).toMatchObject({ relation: "duplicate", matchId: "a", novel: [] });
  });
});
