import { type App, createRuntime } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../runtime/test/fixtures/salesApp.js";
import {
  addEntity,
  addField,
  type Command,
  insertItem,
  moveItem,
  remove,
  removeItem,
  rename,
  replaceDocument,
  setLabel,
  setValue,
} from "./commands.js";
import { commit, MERGE_WINDOW_MS, redo, startHistory, undo } from "./history.js";

const runtime = createRuntime();
const fresh = () => salesApp() as unknown as App;

/** Commit, check the change, undo back to the original, redo to the same change. */
function roundTrip(command: Command, check: (doc: App) => void) {
  const original = fresh();
  const done = commit(startHistory(original), command, 0);
  expect(done.past).toHaveLength(1);
  check(done.doc);
  const undone = undo(done);
  expect(undone.doc).toEqual(original);
  expect(redo(undone).doc).toEqual(done.doc);
  return done;
}

const form = "/pages/1/layout";

describe("designer commands do and undo", () => {
  it("setValue sets, adds and removes properties", () => {
    roundTrip(setValue("/entities/0/fields/0/maxLength", 80), (d) =>
      expect(d.entities?.[0]?.fields[0]).toMatchObject({ maxLength: 80 }),
    );
    roundTrip(setValue("/entities/0/fields/0/maxLength", undefined), (d) =>
      expect(d.entities?.[0]?.fields[0]).not.toHaveProperty("maxLength"),
    );
    roundTrip(setValue("/entities/0/fields/0/description", "Legal name"), (d) =>
      expect(d.entities?.[0]?.fields[0]).toMatchObject({ description: "Legal name" }),
    );
  });

  it("setLabel writes one language and keeps the other", () => {
    roundTrip(setLabel("/entities/0/label", "zh-CN", "客户公司"), (d) =>
      expect(d.entities?.[0]?.label).toEqual({ en: "Account", "zh-CN": "客户公司" }),
    );
    roundTrip(setLabel("/roles/1/label", "zh-CN", "销售经理"), (d) =>
      expect(d.roles?.[1]?.label).toEqual({ en: "Sales manager", "zh-CN": "销售经理" }),
    );
  });

  it("insertItem, removeItem and moveItem change arrays (within one and across)", () => {
    roundTrip(insertItem("/roles", { id: "ops" }, 1), (d) => expect(d.roles?.[1]).toEqual({ id: "ops" }));
    roundTrip(removeItem("/roles", 2), (d) => expect(d.roles?.map((r) => r.id)).toEqual(["rep", "manager"]));
    roundTrip(moveItem("/roles", 0, "/roles", 3), (d) =>
      expect(d.roles?.map((r) => r.id)).toEqual(["manager", "finance", "rep"]),
    );
    type Node = { kind: string; field?: string; children?: Node[]; tabs?: Array<{ children: Node[] }> };
    const root = (d: App) => (d.pages?.[1] as unknown as { layout: Node } | undefined)?.layout ?? { kind: "none" };
    const ids = (d: App) => root(d).children?.map((n) => n.field ?? n.kind) ?? [];
    const before = ids(fresh());
    expect(before.slice(0, 3)).toEqual(["name", "account", "tabs"]);
    roundTrip(moveItem(`${form}/children`, 0, `${form}/children`, 2), (d) =>
      expect(ids(d)).toEqual(["account", "name", ...before.slice(2)]),
    );
    // Across containers: a field from the section into the first tab.
    roundTrip(moveItem(`${form}/children`, 0, `${form}/children/2/tabs/0/children`, 1), (d) => {
      expect(ids(d)).toEqual(before.slice(1));
      expect(root(d).children?.[1]?.tabs?.[0]?.children.map((n) => n.field)).toEqual(["amount", "name", "probability"]);
    });
  });

  it("addEntity and addField add; remove refuses what is used and removes what is not", () => {
    roundTrip(addEntity({ id: "visit", fields: [{ id: "note", kind: "text" }] }), (d) =>
      expect(d.entities?.at(-1)?.id).toBe("visit"),
    );
    roundTrip(addField(fresh(), "account", { id: "tier", kind: "text" }), (d) =>
      expect(d.entities?.[0]?.fields.at(-1)?.id).toBe("tier"),
    );
    const used = remove(runtime, fresh(), { kind: "field", entity: "opportunity", id: "amount" });
    expect(used.ok ? "" : used.issues[0]?.code).toBe("refactor.stillReferenced");
    const unused = remove(runtime, fresh(), { kind: "field", entity: "opportunity", id: "contact_phone" });
    if (!unused.ok) throw new Error("refused");
    roundTrip(unused.command, (d) => expect(d.entities?.[1]?.fields.some((f) => f.id === "contact_phone")).toBe(false));
  });

  it("rename changes every use in one undoable step", () => {
    const made = rename(runtime, fresh(), { kind: "field", entity: "opportunity", id: "amount" }, "deal_amount");
    if (!made.ok) throw new Error("refused");
    expect(made.places).toBeGreaterThan(5);
    roundTrip(made.command, (d) => {
      expect(JSON.stringify(d)).toContain("ROUND(deal_amount * probability / 100, 2)");
      expect(runtime.validateApp(d).ok).toBe(true);
    });
  });

  it("replaceDocument changes only what differs", () => {
    const next = fresh();
    (next.entities?.[0]?.fields[0] as { maxLength: number }).maxLength = 99;
    const done = roundTrip(replaceDocument(next), (d) => expect(d).toEqual(next));
    expect(done.past[0]?.patches).toEqual([
      { op: "replace", path: ["entities", 0, "fields", 0, "maxLength"], value: 99 },
    ]);
  });
});

describe("history", () => {
  it("merges quick edits of the same thing into one step, and not slow ones", () => {
    let h = startHistory(fresh());
    h = commit(h, setLabel("/entities/0/label", "en", "A"), 0);
    h = commit(h, setLabel("/entities/0/label", "en", "Ac"), 100);
    h = commit(h, setLabel("/entities/0/label", "en", "Acc"), 200);
    expect(h.past).toHaveLength(1);
    h = commit(h, setLabel("/entities/0/label", "en", "Acct"), 200 + MERGE_WINDOW_MS + 1);
    expect(h.past).toHaveLength(2);
    expect(undo(undo(h)).doc).toEqual(fresh());
  });

  it("ignores a command that changes nothing, and a new edit clears redo", () => {
    const h = startHistory(fresh());
    expect(commit(h, setValue("/id", "sales"), 0)).toBe(h);
    const after = commit(undo(commit(h, setValue("/id", "x"), 0)), setValue("/version", "2.0.0"), 1);
    expect(after.future).toHaveLength(0);
  });
});

describe("renames for publishing", () => {
  it("chains renames, follows an entity's new name and forgets undone ones", async () => {
    const { pendingRenames } = await import("./history.js");
    let h = startHistory(fresh());
    const step = (target: Parameters<typeof rename>[2], to: string) => {
      const made = rename(runtime, h.doc, target, to);
      if (!made.ok) throw new Error("refused");
      h = commit(h, made.command, h.past.length * 10_000);
    };
    step({ kind: "field", entity: "opportunity", id: "amount" }, "value");
    step({ kind: "field", entity: "opportunity", id: "value" }, "deal_value");
    step({ kind: "entity", id: "opportunity" }, "deal");
    step({ kind: "field", entity: "deal", id: "notes" }, "remarks");
    h = undo(h);
    expect(pendingRenames(h.past)).toEqual({
      entities: [{ from: "opportunity", to: "deal" }],
      fields: [{ entity: "deal", from: "amount", to: "deal_value" }],
    });
  });
});
