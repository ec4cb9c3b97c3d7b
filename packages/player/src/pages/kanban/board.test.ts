import type { AvailableActions } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import type { RecordSource } from "../../data/records.js";
import {
  asKanbanSource,
  columnFilter,
  columnValues,
  moveCard,
  totalsByColumn,
  totalsQuery,
  transitionTo,
} from "./board.js";

describe("kanban board", () => {
  it("takes columns from the select field's options, in order", () => {
    const field = {
      id: "stage",
      kind: "select",
      options: [{ value: "b" }, { value: "a", label: { en: "A" } }, { value: "c" }],
    };
    expect(columnValues(field)).toEqual(["b", "a", "c"]);
    expect(columnValues(undefined)).toEqual([]);
  });

  it("filters a column by its value, with the page's filter", () => {
    expect(columnFilter("stage", "won")).toBe("stage = 'won'");
    expect(columnFilter("stage", "it's")).toBe("stage = 'it''s'");
    expect(columnFilter("stage", "won", " amount > 5 ")).toBe("(amount > 5) AND stage = 'won'");
  });

  it("asks for counts and sums per column", () => {
    expect(totalsQuery("opportunity", "stage", "amount", "amount > 0")).toEqual({
      entity: "opportunity",
      filter: "amount > 0",
      groupBy: [{ field: "stage" }],
      measures: [
        { id: "n", aggregate: "count" },
        { id: "sum", aggregate: "sum", field: "amount" },
      ],
    });
    expect(totalsQuery("opportunity", "stage").measures).toEqual([{ id: "n", aggregate: "count" }]);
    const totals = totalsByColumn(
      [
        { stage: "won", n: 2, sum: 30 },
        { stage: "lost", n: 1, sum: null },
        { stage: null, n: 4, sum: 1 },
      ],
      "stage",
    );
    expect(totals.get("won")).toEqual({ count: 2, sum: 30 });
    expect(totals.get("lost")).toEqual({ count: 1, sum: null });
    expect(totals.size).toBe(2);
  });

  it("finds the transition to a column, or none", () => {
    const actions: AvailableActions = {
      transitions: [
        { workflow: "w", id: "qualify", label: "Qualify", to: "qualification" },
        { workflow: "w", id: "lose", label: "Lose", to: "lost" },
      ],
      submit: [],
      approval: null,
    };
    expect(transitionTo(actions, "lost")?.id).toBe("lose");
    expect(transitionTo(actions, "won")).toBeUndefined();
  });

  it("needs a source with query, action and actions", () => {
    const listOnly: RecordSource = { list: async () => ({ records: [] }) };
    expect(asKanbanSource(listOnly)).toBeUndefined();
    const full = {
      ...listOnly,
      query: async () => ({ rows: [] }),
      action: async () => ({}),
      actions: async () => ({}),
    };
    expect(asKanbanSource(full as unknown as RecordSource)).toBe(full);
  });
});

describe("moving cards", () => {
  it("moves a card to the top of another column and back to its place", () => {
    const columns = {
      a: { records: [{ id: "1" }, { id: "2" }, { id: "3" }] },
      b: { records: [{ id: "4" }], next: "c" },
    };
    const moved = moveCard(columns, "2", "a", "b", { id: "2" });
    expect(moved.a?.records.map((r) => r.id)).toEqual(["1", "3"]);
    expect(moved.b?.records.map((r) => r.id)).toEqual(["2", "4"]);
    expect(moved.b?.next).toBe("c");
    const back = moveCard(moved, "2", "b", "a", { id: "2" }, 1);
    expect(back.a?.records.map((r) => r.id)).toEqual(["1", "2", "3"]);
    expect(back.b?.records.map((r) => r.id)).toEqual(["4"]);
  });
});
