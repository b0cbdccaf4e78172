/** Generations: the two-generation cache behind parsed expressions and reference resolutions. */
import { describe, expect, it } from "vitest";
import { Generations } from "../../src/core/generations.js";

describe("Generations", () => {
  it("keeps what is used again across a turn of generations, and drops what is not", () => {
    const cache = new Generations<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3); // young was full: a and b are now the old generation
    expect(cache.get("a")).toBe(1); // used again: back in the young one, beside c
    cache.set("d", 4); // young full again: c and a become old, b is dropped
    expect(cache.get("b")).toBeUndefined();
    expect([cache.get("a"), cache.get("c"), cache.get("d")]).toEqual([1, 3, 4]);
  });

  it("holds at most two generations of a run of distinct keys", () => {
    const cache = new Generations<number, number>(10);
    for (let i = 0; i < 1000; i++) cache.set(i, i);
    // A miss changes nothing: the first 980 are gone, the last two generations (980–989, 990–999) kept.
    expect(Array.from({ length: 980 }, (_, i) => cache.get(i)).filter((v) => v !== undefined)).toEqual([]);
    expect([cache.get(980), cache.get(999)]).toEqual([980, 999]);
  });
});
