import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../test/fixtures/salesApp.js";
import { userEnv } from "../access/env.js";
import { standardFunctions } from "../expr/functions/index.js";
import { compileStateMachine } from "./stateMachine.js";

/**
 * A random walk of `take` calls (random transitions, actors and record edits) only ever
 * moves the record along a defined transition, from a state that transition starts from.
 * Reproduce a failure with WORKFLOW_PROPERTY_SEED=<seed>.
 */
const RUNS = Number(process.env.WORKFLOW_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.WORKFLOW_PROPERTY_SEED ?? 20260601);

const machine = compileStateMachine(salesApp(), "opportunity_stage", { functions: standardFunctions });
const env = userEnv({ id: "u1", roles: ["rep"] }, "2026-06-01", "2026-06-01T09:00:00.000Z");
const transitionIds = ["negotiate", "win", "lose", "reopen", ""];
const roleSets = [[], ["rep"], ["finance"], ["manager", "rep"]];

const stepArb = fc.record({
  transition: fc.constantFrom(...transitionIds),
  roles: fc.constantFrom(...roleSets),
  amount: fc.option(fc.integer({ min: -10, max: 10 })),
  lostReason: fc.option(fc.constantFrom("price", "competitor", "")),
});

describe("stage machine random walk", () => {
  it("only moves along defined transitions whose from, roles, guard and required fields hold", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 20 }), (steps) => {
        let record: Record<string, unknown> = { name: "D", close_date: "2026-07-01" };
        for (const step of steps) {
          record = { ...record, amount: step.amount, lost_reason: step.lostReason };
          const before = machine.state(record);
          const actor = { id: "u", roles: step.roles };
          const result = machine.take(record, step.transition, actor, env);
          const t = machine.definition.transitions.find((x) => x.id === step.transition);
          if (!result.ok) {
            expect(result.issues.length).toBeGreaterThan(0);
            continue;
          }
          expect(t).toBeDefined();
          if (!t) return;
          expect(result.from).toBe(before);
          expect(result.to).toBe(t.to);
          expect(t.from === "*" || t.from.includes(before)).toBe(true);
          expect(machine.available(record, actor).map((x) => x.id)).toContain(t.id);
          for (const f of t.requiredFields ?? []) expect(record[f] ?? "").not.toBe("");
          record = { ...record, ...result.changes };
          expect(machine.state(record)).toBe(t.to);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
