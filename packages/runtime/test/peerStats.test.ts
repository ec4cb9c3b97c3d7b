import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean, percentile, percentRank, rankDescending, spearman, stdev } from "../src/workflow/peerStats.js";

/** Two equally long lists of distinct integers. */
const pairsWithoutTies = fc
  .integer({ min: 2, max: 30 })
  .chain((n) =>
    fc.tuple(
      fc.uniqueArray(fc.integer(), { minLength: n, maxLength: n }),
      fc.uniqueArray(fc.integer(), { minLength: n, maxLength: n }),
    ),
  );

describe("peer statistics of computations", () => {
  it("percentile interpolates linearly between closest ranks (PERCENTILE.INC)", () => {
    expect(percentile([0, 10, 20, 30, 40], 5)).toBe(2);
    expect(percentile([0, 10, 20, 30, 40], 95)).toBe(38);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it("percentRank is the mid-rank: (#less + ½·#equal) / n", () => {
    expect(percentRank([10, 20, 20, 40], 20)).toBe(0.5);
    expect(percentRank([0, 0, 0], 0)).toBe(0.5);
    expect(percentRank([1, 2, 3, 4, 5], 5)).toBe(0.9);
    expect(percentRank([], 1)).toBeNull();
  });

  it("rank is descending with shared ties; mean and stdev", () => {
    expect([5, 3, 3, 1].map((x) => rankDescending([5, 3, 3, 1], x))).toEqual([1, 2.5, 2.5, 4]);
    expect(mean([1, 2, 3])).toBe(2);
    expect(stdev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
    expect(stdev([1])).toBeNull();
  });

  it("spearman: perfect, reversed, constant, and the textbook formula without ties", () => {
    expect(
      spearman([
        [1, 10],
        [2, 20],
        [3, 30],
      ]),
    ).toBe(1);
    expect(
      spearman([
        [1, 3],
        [2, 2],
        [3, 1],
      ]),
    ).toBe(-1);
    expect(
      spearman([
        [1, 5],
        [2, 5],
      ]),
    ).toBeNull();
    expect(spearman([[1, 1]])).toBeNull();
    fc.assert(
      fc.property(pairsWithoutTies, ([xs, ys]) => {
        const n = xs.length;
        const rank = (vs: number[]) => vs.map((v) => vs.filter((w) => w < v).length + 1);
        const rx = rank(xs);
        const ry = rank(ys);
        const d2 = rx.reduce((acc, r, i) => acc + (r - (ry[i] as number)) ** 2, 0);
        const textbook = 1 - (6 * d2) / (n * (n * n - 1));
        const value = spearman(xs.map((x, i) => [x, ys[i] as number] as [number, number]));
        expect(value).toBeCloseTo(textbook, 9);
      }),
      { seed: 20261205 },
    );
  });

  it("percent ranks of a group average to one half", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 }), (xs) => {
        const total = xs.reduce((acc, x) => acc + (percentRank(xs, x) as number), 0);
        expect(total / xs.length).toBeCloseTo(0.5, 9);
      }),
      { seed: 20261205 },
    );
  });
});
