import { describe, expect, it } from "vitest";
import { tt } from "../../test/support/typedTree.js";
import { FormulaCompileError, FormulaEvaluationError } from "./backendMessages.js";
import { compileFormula, evaluateFormula } from "./compile.js";
import { compileToCode } from "./compileCodegen.js";
import { standardFunctions as F } from "./functions/index.js";
import { T } from "./types.js";
import type { EvalEnv } from "./values.js";

const env: EvalEnv = {
  today: "2026-03-15",
  now: "2026-03-15T10:20:30.456Z",
  user: { id: "u-1", region: "华东", roles: ["admin"] },
  old: { amount: 5 },
  lookup: (path, record) => (path.join(".") === "account.region" && record.account === "a1" ? "华东" : null),
};
const strategies = ["codegen", "closures"] as const;

describe.each(strategies)("compileFormula (%s)", (strategy) => {
  const compile = (tree: Parameters<typeof compileFormula>[0]) => compileFormula(tree, F, { strategy });

  it("evaluates IF over a field", () => {
    const tree = tt.call(F, "IF", [
      tt.bin(">", tt.field("amount", T.number), tt.num(100000)),
      tt.str("HQ"),
      tt.str("Region"),
    ]);
    expect(compile(tree)({ amount: 250000 }, env)).toBe("HQ");
    expect(compile(tree)({ amount: null }, env)).toBe("Region");
    expect(compile(tree)({}, env)).toBe("Region");
  });

  it("reads relation paths through the host, variables from the environment", () => {
    expect(compile(tt.field(["account", "region"], T.text))({ account: "a1" }, env)).toBe("华东");
    expect(
      compile(tt.bin("=", tt.field("owner", T.text), tt.variable(["user", "id"], T.text)))({ owner: "u-1" }, env),
    ).toBe(true);
    expect(compile(tt.variable(["old", "amount"], T.number))({}, env)).toBe(5);
    expect(compile(tt.variable(["today"], T.date))({}, env)).toBe("2026-03-15");
  });

  it("propagates blanks and turns division by zero into blank", () => {
    expect(compile(tt.bin("/", tt.num(1), tt.field("x", T.number)))({ x: 0 }, env)).toBe(null);
    expect(compile(tt.bin("+", tt.num(1), tt.blank()))({}, env)).toBe(null);
    expect(compile(tt.neg(tt.field("x", T.number)))({ x: null }, env)).toBe(null);
    expect(compile(tt.bin("&", tt.str("a"), tt.field("x", T.text)))({ x: null }, env)).toBe("a");
    expect(compile(tt.in(tt.field("x", T.text), [tt.str("a"), tt.str("b")]))({ x: null }, env)).toBe(null);
    expect(compile(tt.in(tt.field("x", T.text), [tt.str("a"), tt.str("b")]))({ x: "b" }, env)).toBe(true);
  });

  it("reports bad host data as an issue, never a raw TypeError", () => {
    const formula = compile(tt.call(F, "UPPER", [tt.field("name", T.text)]));
    expect(() => formula({ name: 42 }, env)).toThrow(FormulaEvaluationError);
    const result = evaluateFormula(formula, { name: 42 }, env);
    expect(result).toMatchObject({ ok: false, issue: { code: "formula.unexpectedValue" } });
  });

  it("does not read Object.prototype for fields named like its members", () => {
    expect(compile(tt.field("constructor", T.text))({}, env)).toBe(null);
    expect(compile(tt.field("__proto__", T.text))({}, env)).toBe(null);
  });

  it("keeps hostile text inert", () => {
    const hostile = '"); throw new Error("pwned"); ("';
    const tree = tt.bin("&", tt.field(hostile, T.text), tt.str(`\`\${process.exit(1)}\`\u2028${hostile}`));
    expect(compile(tree)({ [hostile]: "x" }, env)).toBe(`x\`\${process.exit(1)}\`\u2028${hostile}`);
  });
});

describe("compileFormula", () => {
  it("fails at compile time for a function missing from the table", () => {
    const tree = tt.call(F, "LEN", [tt.str("x")]);
    expect(() => compileFormula(tree, new Map(), {})).toThrow(FormulaCompileError);
  });

  it("codegen compiles to a plain two-argument function", () => {
    expect(compileToCode(tt.num(1), F).length).toBe(2);
  });
});

describe("$approver", () => {
  it("reads the candidate approver from the environment in both strategies", async () => {
    const { createScope } = await import("./scopeBuilder.js");
    const { analyzeFormula } = await import("./front.js");
    const { standardFunctions } = await import("./functions/index.js");
    const scope = createScope({
      entity: "request",
      entities: { request: { region: { kind: "text" } } },
      variables: { "approver.region": { kind: "text" } },
    });
    const typed = analyzeFormula("$approver.region = region", scope, standardFunctions).typed;
    if (!typed) throw new Error("did not check");
    for (const strategy of ["codegen", "closures"] as const) {
      const f = compileFormula(typed, standardFunctions, { strategy });
      const env = { today: "2026-01-01", now: "2026-01-01T00:00:00.000Z", user: { id: "u" }, lookup: () => null };
      expect(f({ region: "east" }, { ...env, approver: { id: "a", region: "east" } })).toBe(true);
      expect(f({ region: "east" }, { ...env, approver: { id: "b", region: "west" } })).toBe(false);
      expect(f({ region: "east" }, env)).toBe(null);
    }
  });
});
