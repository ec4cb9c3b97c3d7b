import { describe, expect, it } from "vitest";
import { ANY_STATE, layoutStates } from "./layout.js";

describe("layoutStates", () => {
  it("puts states in columns by distance from the initial state, unreachable ones last", () => {
    const cells = layoutStates({
      initial: "a",
      states: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }, { id: "orphan" }],
      transitions: [
        { id: "ab", from: ["a"], to: "b" },
        { id: "ac", from: ["a"], to: "c" },
        { id: "bd", from: ["b"], to: "d" },
        { id: "back", from: ["d"], to: "a" },
      ],
    });
    expect(Object.fromEntries(cells)).toEqual({
      a: { column: 0, row: 0 },
      b: { column: 1, row: 0 },
      c: { column: 1, row: 1 },
      d: { column: 2, row: 0 },
      orphan: { column: 3, row: 0 },
    });
  });

  it("adds the any-state node under the initial state when a transition starts anywhere", () => {
    const cells = layoutStates({
      initial: "a",
      states: [{ id: "a" }, { id: "lost" }],
      transitions: [{ id: "lose", from: "*", to: "lost" }],
    });
    expect(cells.get("lost")).toEqual({ column: 1, row: 0 });
    expect(cells.get(ANY_STATE)).toEqual({ column: 0, row: 1 });
  });
});
