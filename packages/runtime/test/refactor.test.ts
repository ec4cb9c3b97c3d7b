import { describe, expect, it } from "vitest";
import { applyRefactorEdits, type RefactorTarget, removalBlocked, renameEdits } from "../src/app/refactor/index.js";
import { createRuntime } from "../src/runtime.js";
import type { App } from "../src/schema/types.js";
import { promotionApp } from "./fixtures/promotionApp.js";
import { salesApp } from "./fixtures/salesApp.js";

const runtime = createRuntime();

function refsOf(app: unknown) {
  const result = runtime.references(app);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.refs;
}

/** Rename in a copy of the fixture; the copy and the edits. */
function rename(target: RefactorTarget, to: string) {
  const app = structuredClone(salesApp()) as unknown as App;
  const result = renameEdits(app, refsOf(app), target, to);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const skipped = applyRefactorEdits(app, result.edits);
  expect(skipped).toEqual([]);
  return { app, edits: result.edits, references: result.references };
}

const opportunity = (app: App) => app.entities?.find((e) => e.id === "opportunity");
const field = (app: App, entity: string, id: string) =>
  app.entities?.find((e) => e.id === entity)?.fields.find((f) => f.id === id);

describe("renaming a field", () => {
  it("rewrites its definition, ids, paths, keys, locks and only the names in formulas", () => {
    const { app, edits } = rename({ kind: "field", entity: "opportunity", id: "amount" }, "deal_amount");
    expect(field(app, "opportunity", "deal_amount")).toBeDefined();
    expect(field(app, "opportunity", "expected_revenue")).toMatchObject({
      expression: "ROUND(deal_amount * probability / 100, 2)",
    });
    expect(app.locks?.[0]?.target).toBe("/entities/opportunity/fields/deal_amount");
    const kanban = app.pages?.find((p) => p.kind === "kanban") as { cardFields: string[]; sumField: string };
    expect(kanban.cardFields).toContain("deal_amount");
    expect(kanban.sumField).toBe("deal_amount");
    // account.open_pipeline sums opportunity.amount
    expect(field(app, "account", "open_pipeline")).toMatchObject({ field: "deal_amount" });
    const changed = JSON.stringify(app);
    // Left alone: a measure named "amount" and the sort by that measure are not the field.
    expect(changed).not.toMatch(/"field":"amount"/);
    expect(changed).toMatch(/"measures":\[[^\]]*\{"id":"amount","aggregate":"sum","field":"deal_amount"\}/);
    expect(edits.every((e) => e.from !== e.to)).toBe(true);
    expect(runtime.validateApp(app).ok).toBe(true);
  });

  it("follows relation paths: renaming account.region changes `account.region` but not a local region", () => {
    const { app } = rename({ kind: "field", entity: "account", id: "region" }, "territory");
    expect(field(app, "opportunity", "region_of_account")).toMatchObject({ expression: "account.territory" });
    const list = app.pages?.find((p) => p.id === "opportunities") as { columns: Array<{ field: string }> };
    expect(list.columns.map((c) => c.field)).toContain("account.territory");
    expect(runtime.validateApp(app).ok).toBe(true);
  });

  it("renames object keys in place, keeping their order", () => {
    const { app } = rename({ kind: "field", entity: "opportunity", id: "probability" }, "likelihood");
    const machine = app.workflows?.find((w) => w.kind === "stateMachine") as {
      states: Array<{ onEnter?: Array<{ values: Record<string, string> }> }>;
    };
    expect(Object.keys(machine.states[0]?.onEnter?.[0]?.values ?? {})).toEqual(["likelihood"]);
    expect(field(app, "opportunity", "expected_revenue")).toMatchObject({
      expression: "ROUND(amount * likelihood / 100, 2)",
    });
    expect(runtime.validateApp(app).ok).toBe(true);
  });

  it("keeps `$old.<field>` and text literals apart", () => {
    const app = structuredClone(salesApp()) as unknown as App;
    const rule = { id: "no_drop", invalidWhen: "amount < $old.amount AND name <> 'amount'", message: "No drop" };
    opportunity(app)?.rules?.push(rule as never);
    const result = renameEdits(app, refsOf(app), { kind: "field", entity: "opportunity", id: "amount" }, "value");
    if (!result.ok) throw new Error("refused");
    applyRefactorEdits(app, result.edits);
    expect(opportunity(app)?.rules?.at(-1)?.invalidWhen).toBe("value < $old.value AND name <> 'amount'");
  });

  it.each([
    ["sales", salesApp],
    ["promotion", promotionApp],
  ])("renames every entity and field of the %s fixture without leaving a dangling reference", (_, make) => {
    const fixture = make() as unknown as App;
    const targets: RefactorTarget[] = (fixture.entities ?? []).flatMap((e) => [
      { kind: "entity", id: e.id } as const,
      ...e.fields.map((f) => ({ kind: "field", entity: e.id, id: f.id }) as const),
    ]);
    for (const target of targets) {
      const app = structuredClone(fixture);
      const result = renameEdits(app, refsOf(app), target, `${target.id}_2`);
      expect(result.ok).toBe(true);
      if (result.ok) expect(applyRefactorEdits(app, result.edits)).toEqual([]);
      const errors = runtime.validateApp(app).issues.filter((i) => i.severity === "error");
      expect({ target, errors }).toEqual({ target, errors: [] });
    }
  });
});

describe("renaming an entity", () => {
  it("rewrites relation targets, rollups, pages, workflows, permissions and lock targets", () => {
    const { app, references } = rename({ kind: "entity", id: "opportunity" }, "deal");
    expect(app.entities?.map((e) => e.id)).toEqual(["account", "deal"]);
    expect(field(app, "account", "open_pipeline")).toMatchObject({ from: "deal" });
    expect(app.locks?.[0]?.target).toBe("/entities/deal/fields/amount");
    expect(app.workflows?.every((w) => w.entity === "deal")).toBe(true);
    expect(references.length).toBeGreaterThan(5);
    expect(runtime.validateApp(app).ok).toBe(true);
  });
});

describe("refusals", () => {
  const app = salesApp() as unknown as App;
  const refs = refsOf(app);
  const amount = { kind: "field", entity: "opportunity", id: "amount" } as const;

  it("refuses a taken id (ignoring case), a keyword, a bad id, a system field and an unknown target", () => {
    const code = (r: ReturnType<typeof renameEdits>) => (r.ok ? "ok" : r.issues[0]?.code);
    expect(code(renameEdits(app, refs, amount, "Probability"))).toBe("refactor.idTaken");
    expect(code(renameEdits(app, refs, amount, "createdAt"))).toBe("refactor.idTaken");
    expect(code(renameEdits(app, refs, amount, "and"))).toBe("refactor.badId");
    expect(code(renameEdits(app, refs, amount, "9lives"))).toBe("refactor.badId");
    expect(code(renameEdits(app, refs, { kind: "field", entity: "opportunity", id: "createdAt" }, "x"))).toBe(
      "refactor.notFound",
    );
    expect(code(renameEdits(app, refs, { kind: "entity", id: "nope" }, "x"))).toBe("refactor.notFound");
    const taken = renameEdits(app, refs, { kind: "entity", id: "account" }, "Opportunity");
    expect(taken.ok ? "" : taken.issues[0]?.message).toEqual({
      en: "The id 'Opportunity' is already used by another entity here (ids are compared ignoring case). Choose another id.",
      "zh-CN": "标识“Opportunity”已被此处的另一个实体使用（比较时不区分大小写）。请换一个标识。",
    });
  });

  it("refuses to remove what is still used, and says where", () => {
    const blocked = removalBlocked(app, refs, amount);
    expect(blocked?.code).toBe("refactor.stillReferenced");
    expect(blocked?.message.en).toMatch(/^Field 'amount' is still used in \d+ place\(s\), first at \//);
    expect(removalBlocked(app, refs, { kind: "field", entity: "opportunity", id: "contact_phone" })).toBeUndefined();
    expect(removalBlocked(app, refs, { kind: "entity", id: "account" })?.code).toBe("refactor.stillReferenced");
  });

  it("traces no references in a structurally broken document", () => {
    const result = runtime.references({ id: "x" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe("refactor.invalidDocument");
  });

  it("skips an edit that no longer matches the document", () => {
    const copy = structuredClone(app);
    const result = renameEdits(copy, refsOf(copy), amount, "value");
    if (!result.ok) throw new Error("refused");
    const f = copy.entities?.[1]?.fields.find((x) => x.id === "expected_revenue") as { expression: string };
    f.expression = "amount * 2";
    const skipped = applyRefactorEdits(copy, result.edits);
    expect(skipped.map((e) => e.path)).toContain("/entities/1/fields/16/expression");
  });
});

describe("removing", () => {
  it("says when there is nothing to remove", () => {
    const app = salesApp() as unknown as App;
    const refs = refsOf(app);
    expect(removalBlocked(app, refs, { kind: "field", entity: "opportunity", id: "ghost" })?.code).toBe(
      "refactor.notFound",
    );
    expect(removalBlocked(app, refs, { kind: "field", entity: "opportunity", id: "createdAt" })?.code).toBe(
      "refactor.systemField",
    );
  });
});
