import type { AppModel } from "../app/model.js";
import { createAppScope, type FieldTypes } from "../app/scope.js";
import { compileFormulaText, type Formula } from "../expr/formula.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import type { FormulaType } from "../expr/types.js";
import type { EvalEnv, Value } from "../expr/values.js";
import type { Label } from "../i18n/label.js";
import type { Issue } from "../issues/issue.js";
import type { Effect, Party } from "../schema/types.js";

/**
 * An effect with its formulas evaluated: plain data for the host to carry out in the same
 * transaction as the write that caused it (set fields, notify, create a record, call a
 * webhook, take a transition).
 */
export type EvaluatedEffect =
  | {
      readonly kind: "setFields";
      readonly values: Readonly<Record<string, Value>>;
      /** Field → name (`as`) of a record an earlier createRecord of the list created or found. */
      readonly links?: Readonly<Record<string, string>>;
      /** Set the fields of the record this relation field points to, not of this record. */
      readonly relation?: string;
    }
  | { readonly kind: "notify"; readonly to: Party; readonly message: Label }
  | {
      readonly kind: "createRecord";
      readonly entity: string;
      readonly values: Readonly<Record<string, Value>>;
      /** The name later effects link to. */
      readonly as?: string;
      /** Key field sets tried in order to find an existing record instead of creating one. */
      readonly findBy?: ReadonlyArray<readonly string[]>;
      readonly links?: Readonly<Record<string, string>>;
      /** `skip`: only find (link to an existing record), never create. */
      readonly ifMissing?: "create" | "skip";
    }
  | { readonly kind: "webhook"; readonly url: string; readonly body: Readonly<Record<string, Value>> }
  | { readonly kind: "transition"; readonly workflow: string; readonly transition: string };

export type EffectsResult =
  | { readonly ok: true; readonly effects: EvaluatedEffect[] }
  | { readonly ok: false; readonly issue: Issue };

/** Effects compiled once (formulas type-checked and compiled), run many times. */
export interface CompiledEffects {
  readonly count: number;
  run(record: Readonly<Record<string, unknown>>, env: EvalEnv): EffectsResult;
}

export interface EffectCompileContext {
  readonly model: AppModel;
  readonly types: FieldTypes;
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
  /** The entity whose record the formulas read. */
  readonly entity: string;
}

type CompiledEffect =
  | {
      readonly kind: "values";
      readonly effect: "setFields" | "createRecord" | "webhook";
      readonly entity?: string;
      readonly url?: string;
      readonly values: ReadonlyArray<readonly [string, Formula]>;
      readonly extra?: {
        readonly as?: string;
        readonly findBy?: ReadonlyArray<readonly string[]>;
        readonly links?: Readonly<Record<string, string>>;
        readonly ifMissing?: "create" | "skip";
        readonly relation?: string;
      };
    }
  | { readonly kind: "static"; readonly value: EvaluatedEffect };

/**
 * Compile a list of effects of a valid app. Formulas that do not compile (an invalid app)
 * throw: `validateApp` reports them first.
 */
export function compileEffects(
  effects: readonly Effect[] | undefined,
  ctx: EffectCompileContext,
  variables?: ReadonlyMap<string, FormulaType>,
): CompiledEffects {
  const scope = createAppScope(ctx.types, ctx.model, ctx.entity, variables);
  const compile = (text: string): Formula => {
    const result = compileFormulaText(text, scope, ctx.functions);
    if (!result.ok) throw new Error(`effect formula '${text}' does not compile: ${result.issues[0]?.message.en ?? ""}`);
    return result.formula;
  };
  const compiled: CompiledEffect[] = (effects ?? []).map((effect): CompiledEffect => {
    switch (effect.kind) {
      case "setFields":
        return {
          kind: "values",
          effect: "setFields",
          values: Object.entries(effect.values).map(([k, v]) => [k, compile(v)] as const),
          ...(effect.links || effect.relation
            ? {
                extra: {
                  ...(effect.links ? { links: effect.links } : {}),
                  ...(effect.relation ? { relation: effect.relation } : {}),
                },
              }
            : {}),
        };
      case "createRecord":
        return {
          kind: "values",
          effect: "createRecord",
          entity: effect.entity,
          values: Object.entries(effect.values).map(([k, v]) => [k, compile(v)] as const),
          extra: {
            ...(effect.as ? { as: effect.as } : {}),
            ...(effect.findBy ? { findBy: effect.findBy } : {}),
            ...(effect.links ? { links: effect.links } : {}),
            ...(effect.ifMissing ? { ifMissing: effect.ifMissing } : {}),
          },
        };
      case "webhook":
        return {
          kind: "values",
          effect: "webhook",
          url: effect.url,
          values: Object.entries(effect.body ?? {}).map(([k, v]) => [k, compile(v)] as const),
        };
      case "notify":
        return { kind: "static", value: { kind: "notify", to: effect.to, message: effect.message } };
      case "transition":
        return {
          kind: "static",
          value: { kind: "transition", workflow: effect.workflow, transition: effect.transition },
        };
    }
  });
  return {
    count: compiled.length,
    run(record, env) {
      const out: EvaluatedEffect[] = [];
      for (const effect of compiled) {
        if (effect.kind === "static") {
          out.push(effect.value);
          continue;
        }
        const values: Record<string, Value> = {};
        for (const [key, formula] of effect.values) {
          const result = formula.evaluate(record, env);
          if (!result.ok) return { ok: false, issue: result.issue };
          values[key] = result.value;
        }
        if (effect.effect === "setFields") out.push({ kind: "setFields", values, ...effect.extra });
        else if (effect.effect === "createRecord")
          out.push({ kind: "createRecord", entity: effect.entity as string, values, ...effect.extra });
        else out.push({ kind: "webhook", url: effect.url as string, body: values });
      }
      return { ok: true, effects: out };
    },
  };
}
