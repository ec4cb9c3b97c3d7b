import { describe, expect, it } from "vitest";
import { salesApp } from "../../test/fixtures/salesApp.js";
import { userEnv } from "../access/env.js";
import { standardFunctions } from "../expr/functions/index.js";
import { compileStateMachine } from "./stateMachine.js";

const machine = compileStateMachine(salesApp(), "opportunity_stage", { functions: standardFunctions });
const env = userEnv({ id: "u1", roles: ["rep"] }, "2026-06-01", "2026-06-01T09:00:00.000Z");
const rep = { id: "u1", roles: ["rep"] };
const finance = { id: "f1", roles: ["finance"] };
const deal = { name: "Deal", amount: 5000, close_date: "2026-07-01", stage: "prospecting" };

describe("compileStateMachine", () => {
  it("reads the state from the select field, blank meaning the initial state", () => {
    expect(machine.state({ stage: "negotiation" })).toBe("negotiation");
    expect(machine.state({ stage: null })).toBe("prospecting");
    expect(machine.state({})).toBe("prospecting");
  });

  it("offers the transitions from the current state the actor's roles allow, guards aside", () => {
    expect(machine.available({ ...deal, amount: 0 }, rep).map((t) => t.id)).toEqual(["negotiate", "lose"]);
    expect(machine.available({ ...deal, stage: "negotiation" }, rep).map((t) => t.id)).toEqual(["win", "lose"]);
    expect(machine.available({ ...deal, stage: "negotiation" }, finance).map((t) => t.id)).toEqual(["lose"]);
    // A final state is never left through a wildcard, and a wildcard never loops.
    expect(machine.available({ ...deal, stage: "won" }, rep)).toEqual([]);
    expect(machine.available({ ...deal, stage: "lost" }, rep)).toEqual([]);
  });

  it("takes a transition: state field, onEnter setFields, history snapshot after the changes", () => {
    const result = machine.take(deal, "negotiate", rep, env);
    expect(result).toMatchObject({
      ok: true,
      from: "prospecting",
      to: "negotiation",
      changes: { stage: "negotiation", probability: 80 },
      effects: [],
      history: {
        workflow: "opportunity_stage",
        transition: "negotiate",
        from: "prospecting",
        to: "negotiation",
        snapshot: { amount: 5000, close_date: "2026-07-01" },
      },
    });
  });

  it("evaluates onEnter formulas with the host's clock", () => {
    const result = machine.take({ ...deal, stage: "negotiation" }, "win", rep, env);
    expect(result.ok && result.changes).toEqual({
      stage: "won",
      probability: 100,
      closed_at: "2026-06-01T09:00:00.000Z",
    });
  });

  it("lists every reason at once", () => {
    const result = machine.take({ ...deal, stage: "won", amount: null }, "negotiate", finance, env);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.code)).toEqual([
      "workflow.notFromHere",
      "workflow.guardFailed",
      "workflow.missingFields",
    ]);
    const win = machine.take({ ...deal, stage: "prospecting" }, "win", finance, env);
    expect(!win.ok && win.issues.map((i) => i.code)).toEqual(["workflow.notFromHere", "workflow.roleRequired"]);
    expect(!win.ok && win.issues[1]?.params.roles).toEqual(["rep", "manager"]);
  });

  it("names the guard, the missing fields and the unknown transition in both languages", () => {
    const result = machine.take({ ...deal, amount: 0 }, "negotiate", rep, env);
    expect(!result.ok && result.issues[0]?.message.en).toMatch(/amount > 0/);
    const lose = machine.take(deal, "lose", rep, env);
    expect(!lose.ok && lose.issues[0]).toMatchObject({
      code: "workflow.missingFields",
      path: "/lost_reason",
      params: { fields: ["lost_reason"] },
    });
    expect(!lose.ok && lose.issues[0]?.message["zh-CN"]).toMatch(/lost_reason/);
    const unknown = machine.take(deal, "teleport", rep, env);
    expect(!unknown.ok && unknown.issues.map((i) => i.code)).toEqual(["workflow.unknownTransition"]);
  });

  it("checks required fields on the record as it is, so blanks block even if an effect would fill them", () => {
    const lose = machine.take({ ...deal, lost_reason: "price" }, "lose", rep, env);
    expect(lose).toMatchObject({ ok: true, to: "lost", changes: { stage: "lost" } });
    expect(machine.take({ ...deal, lost_reason: "  " }, "lose", rep, env).ok).toBe(false);
  });

  it("uses the author's guard message when there is one", () => {
    const app = salesApp();
    const wf = app.workflows[0];
    if (wf?.kind !== "stateMachine") throw new Error("fixture changed");
    const t = wf.transitions[0];
    if (!t) throw new Error("fixture changed");
    Object.assign(t, { guardMessage: { en: "Enter an amount first", "zh-CN": "请先填写金额" } });
    const custom = compileStateMachine(app, "opportunity_stage", { functions: standardFunctions });
    const result = custom.take({ ...deal, amount: 0 }, "negotiate", rep, env);
    expect(!result.ok && result.issues[0]?.message).toEqual({ en: "Enter an amount first", "zh-CN": "请先填写金额" });
  });

  it("throws on a workflow the app does not have (a programming error)", () => {
    expect(() => compileStateMachine(salesApp(), "big_deal_approval", { functions: standardFunctions })).toThrow();
  });
});
