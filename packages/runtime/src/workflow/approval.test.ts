import { describe, expect, it } from "vitest";
import { approvalContext, type ContextOptions, promotionApp } from "../../test/fixtures/promotionApp.js";
import { standardFunctions } from "../expr/functions/index.js";
import { createRuntime } from "../runtime.js";
import { approvalTransition } from "./approval.js";
import type { ApprovalEvent, ApprovalResult, ApprovalState } from "./approval.types.js";
import { compileApproval } from "./approvalProgram.js";
import { lockedFields, pendingFor } from "./approvalQueries.js";
import { addHours } from "./time.js";

const T0 = "2026-06-01T09:00:00.000Z";
const at = (hours: number) => addHours(T0, hours);
const approval = compileApproval(promotionApp(), "promotion_approval", { functions: standardFunctions });
const small = { title: "Summer TPR", region: "east", planned_spend: 60_000 };
const big = { ...small, planned_spend: 150_000 };

function ok(result: ApprovalResult): Extract<ApprovalResult, { ok: true }> {
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.code}: ${i.message.en}`).join("\n"));
  return result;
}
function codes(result: ApprovalResult): string[] {
  return result.ok ? [] : result.issues.map((i) => i.code);
}

/** Run events in order on a record; returns every result so tests can look at effects. */
function play(
  record: Record<string, unknown>,
  events: readonly ApprovalEvent[],
  options?: ContextOptions,
  start?: ApprovalState,
) {
  let state = start;
  const results: ApprovalResult[] = [];
  for (const event of events) {
    const result = approvalTransition(approval, state, event, approvalContext(record, event.at, options));
    results.push(result);
    if (result.ok) state = result.state;
  }
  return { state, results, last: results[results.length - 1] as ApprovalResult };
}
const submit = (user = "rep_e", h = 0): ApprovalEvent => ({ type: "submit", user, at: at(h) });
const approve = (user: string, h = 1): ApprovalEvent => ({ type: "approve", user, at: at(h) });

describe("the promotion app fixture", () => {
  it("is a valid app", () => {
    expect(createRuntime().validateApp(promotionApp()).issues).toEqual([]);
  });
});

describe("submit", () => {
  it("routes a request under the region's limit to the regional manager then region finance only", () => {
    const { state, results } = play(small, [submit()]);
    expect(state?.steps.map((s) => [s.id, s.status, s.approvers])).toEqual([
      ["regional_manager", "active", ["rsm_e"]],
      ["region_finance", "waiting", []],
    ]);
    const effects = ok(results[0] as ApprovalResult).effects;
    expect(effects).toEqual([
      { kind: "status", field: "status", value: "pending" },
      { kind: "effects", on: "submit", effects: [{ kind: "setFields", values: { submitted_at: T0 } }] },
      {
        kind: "notify",
        users: ["rsm_e"],
        message: "approval.requested",
        params: { workflow: "promotion_approval", submitter: "rep_e", step: "regional_manager" },
      },
      { kind: "schedule", at: at(24), stepId: "regional_manager", timer: "remind" },
      { kind: "schedule", at: at(48), stepId: "regional_manager", timer: "due" },
    ]);
    expect(state?.steps[0]).toMatchObject({ activatedAt: T0, remindAt: at(24), dueAt: at(48) });
  });

  it("adds the HQ level above the limit (150,000 > 100,000), and for North already at 90,000", () => {
    const { state } = play(big, [submit(), approve("rsm_e"), approve("fin_e", 2)]);
    expect(state?.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "regional_manager:approved",
      "region_finance:approved",
      "hq_marketing:active",
      "hq_finance:active",
    ]);
    const north = play({ ...small, region: "north", planned_spend: 90_000 }, [submit("rep_n")]);
    expect(north.state?.steps.map((s) => s.id)).toContain("hq_finance");
  });

  it("needs the entry criteria and a submitter role, and says both at once", () => {
    const { last } = play({ ...small, planned_spend: 0 }, [submit("hqf1")]);
    expect(codes(last)).toEqual(["approval.notSubmitter", "approval.entryFailed"]);
    expect(!last.ok && last.issues[1]?.message).toEqual({
      en: "Plan some spend before submitting",
      "zh-CN": "提交前请填写计划费用",
    });
  });

  it("accepts a submitter through an inherited role, and refuses a second submit while pending", () => {
    const { last, state } = play(small, [submit("rsm_n"), submit("rsm_n", 1)]);
    expect(state?.status).toBe("pending");
    expect(codes(last)).toEqual(["approval.alreadyPending"]);
  });

  it("rejects times that are not UTC instants", () => {
    expect(codes(play(small, [{ type: "submit", user: "rep_e", at: "yesterday" }]).last)).toEqual([
      "approval.invalidTime",
    ]);
  });
});

describe("deciding", () => {
  it("approves step by step and runs onApprove with the approval time", () => {
    const { state, last } = play(small, [submit(), approve("rsm_e"), approve("fin_e", 2)]);
    expect(state?.status).toBe("approved");
    expect(ok(last).effects).toEqual([
      { kind: "status", field: "status", value: "approved" },
      {
        kind: "notify",
        users: ["rep_e"],
        message: "approval.approved",
        params: { workflow: "promotion_approval", submitter: "rep_e" },
      },
      { kind: "effects", on: "approve", effects: [{ kind: "setFields", values: { approved_at: at(2) } }] },
    ]);
    expect(state?.timeline.map((e) => e.type)).toEqual([
      "submitted",
      "activated",
      "approved",
      "stepApproved",
      "activated",
      "approved",
      "stepApproved",
      "completed",
    ]);
  });

  it("refuses non-approvers, approvers of a later step and double decisions", () => {
    expect(codes(play(small, [submit(), approve("fin_e")]).last)).toEqual(["approval.notApprover"]);
    expect(codes(play(small, [submit(), approve("rsm_n")]).last)).toEqual(["approval.notApprover"]);
    const twice = play(big, [submit(), approve("rsm_e"), approve("fin_e"), approve("hqf1"), approve("hqf1", 2)]);
    expect(codes(twice.last)).toEqual(["approval.alreadyDecided"]);
  });

  it("rejects on any rejection, needs a comment, and voids earlier approvals in a new round", () => {
    const noComment = play(small, [
      submit(),
      approve("rsm_e"),
      { type: "reject", user: "fin_e", at: at(2), comment: " " },
    ]);
    expect(codes(noComment.last)).toEqual(["approval.commentRequired"]);
    const rejected = play(small, [
      submit(),
      approve("rsm_e"),
      { type: "reject", user: "fin_e", at: at(2), comment: "Evidence plan missing" },
    ]);
    expect(rejected.state).toMatchObject({ status: "rejected", round: 1 });
    expect(ok(rejected.last).effects).toEqual([
      { kind: "status", field: "status", value: "rejected" },
      {
        kind: "notify",
        users: ["rep_e"],
        message: "approval.rejected",
        params: {
          workflow: "promotion_approval",
          submitter: "rep_e",
          step: "region_finance",
          comment: "Evidence plan missing",
        },
      },
      {
        kind: "effects",
        on: "reject",
        effects: [{ kind: "webhook", url: "https://example.com/unreserve", body: { spend: 60_000 } }],
      },
    ]);
    expect(codes(play(small, [approve("rsm_e", 3)], {}, rejected.state).last)).toEqual(["approval.notPending"]);
    const again = play(small, [submit("rep_e", 3)], {}, rejected.state);
    expect(again.state).toMatchObject({ status: "pending", round: 2 });
    expect(again.state?.steps.every((s) => s.decisions.length === 0)).toBe(true);
    expect(again.state?.steps[0]?.status).toBe("active");
    expect(again.state?.timeline.filter((e) => e.type === "rejected")).toHaveLength(1);
  });

  it("returns for information in the same round, but not at a step that forbids it", () => {
    const returned = play(small, [submit(), { type: "return", user: "rsm_e", at: at(1), comment: "Which stores?" }]);
    expect(returned.state).toMatchObject({ status: "returned", round: 1 });
    const again = play(small, [submit("rep_e", 2)], {}, returned.state);
    expect(again.state).toMatchObject({ status: "pending", round: 1 });
    const hq = play(big, [
      submit(),
      approve("rsm_e"),
      approve("fin_e"),
      { type: "return", user: "hqf1", at: at(3), comment: "More detail" },
    ]);
    expect(codes(hq.last)).toEqual(["approval.returnNotAllowed"]);
  });
});

describe("recall", () => {
  it("is for the submitter before the first decision only", () => {
    const early = play(small, [submit(), { type: "recall", user: "rep_e", at: at(1) }]);
    expect(early.state?.status).toBe("recalled");
    expect(ok(early.last).effects).toEqual([{ kind: "status", field: "status", value: "recalled" }]);
    const late = play(small, [submit(), approve("rsm_e"), { type: "recall", user: "rsm_e", at: at(2) }]);
    expect(codes(late.last)).toEqual(["approval.recallNotSubmitter", "approval.recallAfterDecision"]);
  });
});

describe("segregation of duties", () => {
  it("skips a step whose only approver is the submitter, with a timeline note", () => {
    const { state } = play(small, [submit("rsm_e")]);
    expect(state?.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "regional_manager:skipped",
      "region_finance:active",
    ]);
    expect(state?.timeline).toContainEqual({
      at: T0,
      type: "skipped",
      step: "regional_manager",
      detail: { reason: "segregationOfDuties", next: "nextLevel" },
    });
  });

  it("never auto-approves when every step was skipped: the submitter's manager decides", () => {
    const users = [
      { id: "boss", roles: ["regional_manager", "region_finance"], region: "R01", manager: "ceo" },
      { id: "ceo", roles: [] },
    ];
    const { state } = play(small, [submit("boss")], { users });
    expect(state?.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "regional_manager:skipped",
      "region_finance:active",
    ]);
    expect(state?.steps[1]?.approvers).toEqual(["ceo"]);
    const orphan = play(small, [submit("boss")], {
      users: [{ id: "boss", roles: ["regional_manager", "region_finance"], region: "R01" }],
    });
    expect(codes(orphan.last)).toEqual(["approval.noApprover"]);
  });

  it("never lets the submitter decide, even as someone's delegate", () => {
    const delegations = { rsm_e: ["rep_e", T0, at(100)] as const };
    expect(codes(play(small, [submit(), approve("rep_e")], { delegations }).last)).toEqual(["approval.segregation"]);
  });
});

describe("SLA timers", () => {
  it("reminds once at remindAt and escalates to the approver's manager once at dueAt", () => {
    const early = play(small, [submit(), { type: "tick", at: at(23) }]);
    expect(ok(early.last).effects).toEqual([]);
    const { state, results } = play(small, [
      submit(),
      { type: "tick", at: at(24) },
      { type: "tick", at: at(30) },
      { type: "tick", at: at(48) },
      { type: "tick", at: at(60) },
    ]);
    const [, remind, quiet, due, later] = results.map((r) => ok(r as ApprovalResult).effects);
    expect(remind).toEqual([
      {
        kind: "notify",
        users: ["rsm_e"],
        message: "approval.reminder",
        params: { workflow: "promotion_approval", submitter: "rep_e", step: "regional_manager", dueAt: at(48) },
      },
    ]);
    expect(quiet).toEqual([]);
    expect(due).toEqual([
      {
        kind: "notify",
        users: ["dir_e"],
        message: "approval.escalated",
        params: { workflow: "promotion_approval", submitter: "rep_e", step: "regional_manager" },
      },
    ]);
    expect(later).toEqual([]);
    expect(state?.steps[0]).toMatchObject({ approvers: ["rsm_e", "dir_e"], escalatedAt: at(48), reminded: true });
    expect(state?.timeline.find((e) => e.type === "escalated")).toEqual({
      at: at(48),
      type: "escalated",
      step: "regional_manager",
      detail: { added: ["dir_e"] },
    });
    // The manager now decides in the approver's place.
    const decided = play(small, [approve("dir_e", 49)], {}, state);
    expect(decided.state?.steps[0]?.status).toBe("approved");
  });
});

describe("parallel group and percentage", () => {
  it("activates HQ marketing and HQ finance together and waits for both", () => {
    const base = play(big, [submit(), approve("rsm_e"), approve("fin_e", 2)]);
    expect(base.state?.steps.filter((s) => s.status === "active").map((s) => s.id)).toEqual([
      "hq_marketing",
      "hq_finance",
    ]);
    // percentage 50 of 4 HQ finance approvers (hqf1-3 and cfo) = 2 approvals.
    expect(base.state?.steps[3]).toMatchObject({ approvers: ["hqf1", "hqf2", "hqf3", "cfo"], required: 2 });
    const partial = play(big, [approve("hqf1", 3), approve("hqm1", 4)], {}, base.state);
    expect(partial.state?.status).toBe("pending");
    expect(partial.state?.steps.map((s) => s.status)).toEqual(["approved", "approved", "approved", "active"]);
    const done = play(big, [approve("hqf2", 5)], {}, partial.state);
    expect(done.state?.status).toBe("approved");
  });

  it("lets HQ finance approvers (only) edit the step's fields while pending; everyone after", () => {
    const { state } = play(small, [submit(), approve("rsm_e")]);
    const definition = approval.definition;
    expect(lockedFields(state, definition, "fin_e")).toEqual({ kind: "locked", editable: ["finance_note"] });
    expect(lockedFields(state, definition, "rep_e")).toEqual({ kind: "locked", editable: [] });
    expect(lockedFields(undefined, definition, "rep_e")).toEqual({ kind: "unlocked" });
    const done = play(small, [approve("fin_e", 2)], {}, state);
    expect(lockedFields(done.state, definition, "rep_e")).toEqual({ kind: "unlocked" });
  });
});

describe("delegation and reassignment", () => {
  const delegations = { rsm_e: ["dir_e", at(0), at(72)] as const };

  it("lets a delegate decide for an absent approver and records on whose behalf", () => {
    const { state } = play(small, [submit(), approve("dir_e", 5)], { delegations });
    expect(state?.steps[0]?.decisions).toEqual([
      { user: "dir_e", onBehalfOf: "rsm_e", decision: "approved", comment: null, at: at(5) },
    ]);
    // Outside the window the delegate is nobody.
    expect(codes(play(small, [submit(), approve("dir_e", 80)], { delegations }).last)).toEqual([
      "approval.notApprover",
    ]);
    // The approver cannot decide again after their delegate did (HQ finance needs 2 of 4).
    const hq = { hqf1: ["dir_e", at(0), at(72)] as const };
    const first = play(big, [submit(), approve("rsm_e"), approve("fin_e"), approve("dir_e", 3), approve("hqf1", 4)], {
      delegations: hq,
    });
    expect(codes(first.last)).toEqual(["approval.alreadyDecided"]);
  });

  it("shows the request in the inbox of undecided approvers and, when asked, their delegates", () => {
    const { state } = play(small, [submit()]);
    expect(pendingFor(state, "rsm_e")).toBe(true);
    expect(pendingFor(state, "fin_e")).toBe(false);
    expect(pendingFor(state, "dir_e")).toBe(false);
    const ctx = approvalContext(small, at(1), { delegations });
    expect(pendingFor(state, "dir_e", { at: at(1), context: ctx })).toBe(true);
  });

  it("reassigns an undecided approver, by that approver or an admin, never to the submitter", () => {
    const passed = play(small, [
      submit(),
      { type: "reassign", user: "rsm_e", at: at(1), step: "regional_manager", from: "rsm_e", to: "rsm_n" },
    ]);
    expect(passed.state?.steps[0]?.approvers).toEqual(["rsm_n"]);
    expect(ok(passed.last).effects).toEqual([
      {
        kind: "notify",
        users: ["rsm_n"],
        message: "approval.reassigned",
        params: { workflow: "promotion_approval", submitter: "rep_e", step: "regional_manager", by: "rsm_e" },
      },
    ]);
    expect(play(small, [approve("rsm_n", 2)], {}, passed.state).state?.steps[0]?.status).toBe("approved");
    const bad = play(small, [
      submit(),
      { type: "reassign", user: "fin_e", at: at(1), step: "regional_manager", from: "rsm_x", to: "rep_e" },
    ]);
    expect(codes(bad.last)).toEqual(["approval.cannotReassign", "approval.unknownApprover", "approval.segregation"]);
    const admin = play(small, [
      submit(),
      { type: "reassign", user: "admin", at: at(1), step: "region_finance", to: "fin_n" },
    ]);
    expect(codes(admin.last)).toEqual(["approval.stepNotActive"]);
  });
});

describe("versioned definitions", () => {
  it("keeps the definition a request started with after the app is republished", () => {
    const { state } = play(big, [submit()]);
    const app = promotionApp();
    const wf = app.workflows[0];
    if (!wf) throw new Error("fixture changed");
    // Version 2 drops region finance and HQ steps.
    Object.assign(wf, { steps: wf.steps.slice(0, 1) });
    const v2 = compileApproval(app, "promotion_approval", { functions: standardFunctions });
    const r = approvalTransition(v2, state, approve("rsm_e"), approvalContext(big, at(1)));
    expect(ok(r).state.status).toBe("pending");
    expect(ok(r).state.steps[1]).toMatchObject({ id: "region_finance", status: "active" });
    const fresh = approvalTransition(v2, undefined, submit(), approvalContext(big, at(0)));
    expect(ok(fresh).state.steps.map((s) => s.id)).toEqual(["regional_manager"]);
  });
});
