import { describe, expect, it } from "vitest";
import { userEnv } from "../access/env.js";
import { standardFunctions } from "../expr/functions/index.js";
import { validateApp } from "../runtime.js";
import type { App } from "../schema/types.js";
import { compileStateMachine } from "./stateMachine.js";

const label = (en: string) => ({ en, "zh-CN": en });
const guard = (id: string, condition: string) => ({ id, condition, message: label(`Exit ${id}`) });

/** Four stages in order; a and b have exit guards; each transition goes to one stage from anywhere. */
function app(): App {
  return {
    schemaVersion: 1,
    id: "guards",
    version: "1.0.0",
    label: label("Guards"),
    entities: [
      {
        id: "deal",
        label: label("Deal"),
        fields: [
          { id: "amount", kind: "number", label: label("Amount") },
          { id: "contact", kind: "text", label: label("Contact") },
          {
            id: "stage",
            kind: "select",
            label: label("Stage"),
            options: ["a", "b", "c", "lost"].map((value) => ({ value, label: label(value) })),
          },
        ],
      },
    ],
    workflows: [
      {
        kind: "stateMachine",
        id: "flow",
        entity: "deal",
        field: "stage",
        initial: "a",
        states: [
          { id: "a", exitGuards: [guard("contact", "NOT(ISBLANK(contact))")] },
          { id: "b", exitGuards: [guard("amount", "amount > 0"), guard("big", "amount > 100")] },
          { id: "c" },
          { id: "lost", final: true },
        ],
        transitions: [
          { id: "to_a", from: "*", to: "a" },
          { id: "to_b", from: "*", to: "b" },
          { id: "to_c", from: "*", to: "c" },
          { id: "lose", from: "*", to: "lost", skipExitGuards: true },
        ],
      },
    ],
  } as App;
}

const machine = compileStateMachine(app(), "flow", { functions: standardFunctions });
const env = userEnv({ id: "u1", roles: [] }, "2026-06-01", "2026-06-01T09:00:00.000Z");
const actor = { id: "u1", roles: [] };
const failed = (result: ReturnType<typeof machine.take>) =>
  result.ok ? [] : result.issues.map((i) => [i.code, i.params?.exitGuard, i.message.en]);

describe("stage exit guards", () => {
  it("a forward move checks the exit guards of its source and of every stage it skips, each failing one reported", () => {
    expect(failed(machine.take({ stage: "a", amount: 0 }, "to_c", actor, env))).toEqual([
      ["workflow.guardFailed", "contact", "Exit contact"],
      ["workflow.guardFailed", "amount", "Exit amount"],
      ["workflow.guardFailed", "big", "Exit big"],
    ]);
    expect(failed(machine.take({ stage: "a", amount: 50, contact: "x" }, "to_c", actor, env))).toEqual([
      ["workflow.guardFailed", "big", "Exit big"],
    ]);
    // Only the source's guards for a move to the next stage.
    expect(machine.take({ stage: "a", contact: "x" }, "to_b", actor, env).ok).toBe(true);
    expect(machine.take({ stage: "a", amount: 500, contact: "x" }, "to_c", actor, env).ok).toBe(true);
  });

  it("moves back and transitions with skipExitGuards check none", () => {
    expect(machine.take({ stage: "c" }, "to_a", actor, env).ok).toBe(true);
    expect(machine.take({ stage: "a" }, "lose", actor, env).ok).toBe(true);
  });

  it("validateApp accepts exit guards and type-checks their conditions", () => {
    expect(validateApp(app()).issues).toEqual([]);
    const bad = app() as { workflows: Array<{ states: Array<{ exitGuards?: unknown[] }> }> };
    (bad.workflows[0] as { states: Array<{ exitGuards?: unknown[] }> }).states[2] = {
      id: "c",
      exitGuards: [guard("typo", "amout > 0")],
    } as never;
    const report = validateApp(bad);
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.path)).toContain("/workflows/0/states/2/exitGuards/0/condition");
  });
});
