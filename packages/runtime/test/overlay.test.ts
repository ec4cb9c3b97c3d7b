import { describe, expect, it } from "vitest";
import { applyOverlay, deriveOverlay, idPathOf, rebaseOverlay, resolveIdPath } from "../src/overlay/index.js";
import { validateApp } from "../src/runtime.js";
import type { App, OverlayOperation } from "../src/schema/types.js";
import { promotionApp } from "./fixtures/promotionApp.js";

/** The promotion template with HQ's red lines: the status field frozen, the spend cap tighten-only. */
function template(): App {
  const app = structuredClone(promotionApp()) as unknown as App;
  const promotion = app.entities?.find((e) => e.id === "promotion");
  const spend = promotion?.fields.find((f) => f.id === "planned_spend") as { max?: number };
  spend.max = 120_000;
  return {
    ...app,
    locks: [
      {
        target: "/entities/promotion/fields/status",
        mode: "frozen",
        reason: { en: "HQ status flow", "zh-CN": "总部状态流" },
      },
      { target: "/entities/promotion/fields/planned_spend/max", mode: "tightenOnly", reason: "HQ cap" },
    ],
  };
}

const field = (app: App, entity: string, id: string) =>
  app.entities?.find((e) => e.id === entity)?.fields.find((f) => f.id === id) as Record<string, unknown> | undefined;

describe("applying a regional overlay", () => {
  it("sets, merges, adds and removes by id, and says what it changed", () => {
    const ops: OverlayOperation[] = [
      { op: "set", target: "/entities/promotion/fields/planned_spend/max", value: 100_000 },
      { op: "merge", target: "/entities/promotion/fields/title", value: { maxLength: 200 } },
      { op: "add", target: "/entities/promotion/fields", value: { id: "store_count", kind: "number", integer: true } },
      { op: "remove", target: "/entities/promotion/fields/discount_depth" },
      { op: "set", target: "/entities/promotion/label", value: { en: "Promotion (East)", "zh-CN": "促销（华东）" } },
    ];
    const base = template();
    const { app, issues, provenance } = applyOverlay(base, ops);
    expect(issues).toEqual([]);
    expect(field(app, "promotion", "planned_spend")?.max).toBe(100_000);
    expect(field(app, "promotion", "title")?.maxLength).toBe(200);
    expect(field(app, "promotion", "store_count")).toMatchObject({ kind: "number" });
    expect(field(app, "promotion", "discount_depth")).toBeUndefined();
    expect(provenance.changed).toContain("/entities/promotion/fields/store_count");
    expect(provenance.removed).toEqual(["/entities/promotion/fields/discount_depth"]);
    expect(field(base, "promotion", "planned_spend")?.max).toBe(120_000); // the template is untouched
    expect(validateApp(app).issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("refuses what a frozen lock covers (the node, what is under it, and its parents) with the reason", () => {
    const { issues } = applyOverlay(template(), [
      { op: "set", target: "/entities/promotion/fields/status/label", value: "State" },
      { op: "remove", target: "/entities/promotion" },
    ]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["overlay.locked", "/overlay/0"],
      ["overlay.locked", "/overlay/1"],
    ]);
    expect(issues[0]?.message).toEqual({
      en: "/entities/promotion/fields/status/label is locked by the template (HQ status flow). A regional overlay may not change it; ask HQ to change the template.",
      "zh-CN":
        "/entities/promotion/fields/status/label 已被模板锁定（HQ status flow）。区域覆盖层不能修改它；请联系总部修改模板。",
    });
  });

  it("lets a region tighten a tighten-only cap but not exceed it", () => {
    const lower = applyOverlay(template(), [
      { op: "set", target: "/entities/promotion/fields/planned_spend/max", value: 90_000 },
    ]);
    expect(lower.issues).toEqual([]);
    const higher = applyOverlay(template(), [
      { op: "set", target: "/entities/promotion/fields/planned_spend/max", value: 150_000 },
    ]);
    expect(higher.issues[0]?.code).toBe("overlay.notTighter");
    expect(higher.issues[0]?.message.en).toContain("the template allows 120000, the overlay asks for 150000");
    expect(field(higher.app, "promotion", "planned_spend")?.max).toBe(120_000);
  });

  it("lets a region set a cap the template left open under a tighten-only lock", () => {
    const base = template();
    base.locks = [{ target: "/entities/promotion/fields/discount_depth/max", mode: "tightenOnly" }];
    const { issues, app } = applyOverlay(base, [
      { op: "set", target: "/entities/promotion/fields/discount_depth/max", value: 30 },
    ]);
    expect(issues).toEqual([]);
    expect(field(app, "promotion", "discount_depth")?.max).toBe(30);
  });

  it("reports missing targets and duplicate additions instead of guessing", () => {
    const { issues } = applyOverlay(template(), [
      { op: "set", target: "/entities/promo/label", value: "x" },
      { op: "add", target: "/entities/promotion/fields", value: { id: "title", kind: "text" } },
      { op: "merge", target: "/entities/promotion/fields/title/kind", value: { a: 1 } },
    ]);
    expect(issues.map((i) => i.code)).toEqual(["overlay.targetMissing", "overlay.duplicateId", "overlay.badOperation"]);
    expect(issues[0]?.params).toMatchObject({ missing: "/entities/promo" });
  });
});

describe("deriving an overlay from an edited app", () => {
  it("gives back the edited app when applied to the template", () => {
    const base = template();
    const edited = structuredClone(base);
    const promotion = edited.entities?.find((e) => e.id === "promotion");
    if (!promotion) throw new Error("fixture");
    promotion.label = { en: "Promotion (Southwest)", "zh-CN": "促销（西南）" };
    promotion.fields.push({ id: "dealer_code", kind: "text" } as never);
    promotion.fields = promotion.fields.filter((f) => f.id !== "finance_note");
    (promotion.fields.find((f) => f.id === "planned_spend") as { max: number }).max = 80_000;
    const approval = edited.workflows?.[0] as { steps: Array<{ id: string; condition?: string }> };
    approval.steps.push({ id: "sw_director", approvers: { kind: "role", role: "hq_finance" } } as never);
    const ops = deriveOverlay(base, edited);
    expect(ops).toContainEqual({ op: "set", target: "/entities/promotion/fields/planned_spend/max", value: 80_000 });
    expect(ops).toContainEqual({ op: "remove", target: "/entities/promotion/fields/finance_note" });
    const { app, issues } = applyOverlay(base, ops);
    expect(issues).toEqual([]);
    expect(app).toEqual(edited);
  });

  it("turns an edit of a locked node into an operation the template refuses", () => {
    const base = template();
    const edited = structuredClone(base);
    const status = edited.entities?.[1]?.fields.find((f) => f.id === "status") as { label?: unknown };
    status.label = "Stage";
    const { issues } = applyOverlay(base, deriveOverlay(base, edited));
    expect(issues.map((i) => i.code)).toEqual(["overlay.locked"]);
  });
});

describe("upgrading the template under an overlay", () => {
  it("re-applies the overlay and reports where both changed the same thing", () => {
    const old = template();
    const ops: OverlayOperation[] = [
      { op: "set", target: "/entities/promotion/label", value: { en: "Promotion (East)" } },
      { op: "add", target: "/entities/promotion/fields", value: { id: "store_count", kind: "number" } },
      { op: "set", target: "/entities/promotion/fields/discount_depth/label", value: "Depth" },
    ];
    const next = structuredClone(old);
    const promotion = next.entities?.find((e) => e.id === "promotion");
    if (!promotion) throw new Error("fixture");
    promotion.label = { en: "Trade promotion" };
    promotion.fields = promotion.fields.filter((f) => f.id !== "discount_depth");
    promotion.fields.push({ id: "channel", kind: "text" } as never);
    const result = rebaseOverlay(old, next, ops);
    expect(result.app.entities?.[1]?.label).toEqual({ en: "Promotion (East)" });
    expect(field(result.app, "promotion", "store_count")).toBeDefined();
    expect(field(result.app, "promotion", "channel")).toBeDefined();
    expect(result.conflicts.map((c) => c.path)).toEqual(["/overlay/0"]);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([["overlay.targetMissing", "/overlay/2"]]);
  });
});

describe("id paths", () => {
  it("turn every pointer of an entity's fields into an id path and back", () => {
    const app = template();
    app.entities?.forEach((e, i) =>
      e.fields.forEach((f, j) => {
        const pointer = `/entities/${i}/fields/${j}/kind`;
        const idPath = idPathOf(app, pointer);
        expect(idPath).toBe(`/entities/${e.id}/fields/${f.id}/kind`);
        expect(resolveIdPath(app, idPath as string)).toEqual({ ok: true, pointer, exists: true });
      }),
    );
    expect(idPathOf(app, "/entities/1/fields/4/options/0")).toBeUndefined();
  });
});

describe("locks in validateApp", () => {
  it("reports a lock whose target names nothing, with its path", () => {
    const app = template();
    app.locks = [...(app.locks ?? []), { target: "/entities/promotion/fields/spend_typo" }];
    const issues = validateApp(app).issues.filter((i) => i.code === "overlay.lockTargetMissing");
    expect(issues.map((i) => i.path)).toEqual(["/locks/2/target"]);
    expect(issues[0]?.params).toMatchObject({ missing: "/entities/promotion/fields/spend_typo" });
    expect(validateApp(template()).ok).toBe(true);
  });
});
