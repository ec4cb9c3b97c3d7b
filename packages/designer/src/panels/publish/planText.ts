import type { Locale } from "@plinth/runtime";
import type { PlanStep } from "../../api/designerApi.js";

/** A plan step as the server sends it (server/src/storage/plan.ts), read defensively. */
interface Step {
  readonly kind: string;
  readonly entity?: string;
  readonly field?: string;
  readonly from?: string;
  readonly to?: string;
  readonly rows?: number;
  readonly lossy?: boolean;
  readonly column?: { readonly field?: string; readonly type?: string };
  readonly columns?: ReadonlyArray<{ readonly field?: string }>;
  readonly index?: { readonly fields?: readonly string[]; readonly unique?: boolean };
  readonly values?: readonly string[];
}

/** Steps that lose stored data: the server wants `confirm` for them (plan.ts isDestructive). */
export function isDestructiveStep(step: PlanStep): boolean {
  const s = step as Step;
  return s.kind === "dropTable" || s.kind === "dropColumn" || (s.kind === "changeType" && s.lossy === true);
}

const n = (value: number | undefined) => String(value ?? 0);

/** One migration step in words, in `locale`. */
export function stepText(step: PlanStep, locale: Locale): string {
  const s = step as Step;
  const e = s.entity ?? "";
  const zh = locale === "zh-CN";
  switch (s.kind) {
    case "createTable": {
      const count = s.columns?.length ?? 0;
      return zh ? `新建表 ${e}（${count} 列）` : `Create the table ${e} (${count} columns)`;
    }
    case "renameEntity":
      return zh
        ? `将表 ${s.from} 重命名为 ${s.to}，数据保留`
        : `Rename the table ${s.from} to ${s.to}, keeping its records`;
    case "dropTable":
      return zh ? `删除表 ${e} 及其 ${n(s.rows)} 条记录` : `Drop the table ${e} and its ${n(s.rows)} records`;
    case "addColumn":
      return zh
        ? `为 ${e} 新增列 ${s.column?.field}（${s.column?.type}）`
        : `Add the column ${e}.${s.column?.field} (${s.column?.type})`;
    case "renameColumn":
      return zh
        ? `将 ${e}.${s.from} 重命名为 ${s.to}，数据保留`
        : `Rename ${e}.${s.from} to ${s.to}, keeping its values`;
    case "dropColumn":
      return zh
        ? `删除列 ${e}.${s.field} 及其 ${n(s.rows)} 个值`
        : `Drop the column ${e}.${s.field} and its ${n(s.rows)} values`;
    case "changeType":
      if (s.lossy)
        return zh
          ? `将 ${e}.${s.field} 从 ${s.from} 转换为 ${s.to}：${n(s.rows)} 个值可能丢失`
          : `Convert ${e}.${s.field} from ${s.from} to ${s.to}: ${n(s.rows)} values may be lost`;
      return zh
        ? `将 ${e}.${s.field} 从 ${s.from} 转换为 ${s.to}（不丢失数据）`
        : `Convert ${e}.${s.field} from ${s.from} to ${s.to} (no value is lost)`;
    case "addIndex":
    case "dropIndex": {
      const fields = (s.index?.fields ?? []).join(", ");
      const unique = s.index?.unique;
      if (s.kind === "addIndex")
        return zh
          ? `为 ${e}（${fields}）新增${unique ? "唯一" : ""}索引`
          : `Add ${unique ? "a unique" : "an"} index on ${e} (${fields})`;
      return zh ? `删除 ${e}（${fields}）上的索引` : `Remove the index on ${e} (${fields})`;
    }
    case "optionsRemoved": {
      const values = (s.values ?? []).join(", ");
      return zh
        ? `${e}.${s.field} 的选项 ${values} 已移除：已存的这些值保留，但不能再选择`
        : `Options ${values} of ${e}.${s.field} were removed: stored values stay but can no longer be chosen`;
    }
    default:
      return zh ? `存储步骤 ${s.kind}` : `Storage step ${s.kind}`;
  }
}

/** The plan out of a publish answer or a 409's details, when it has one. */
export function planOf(value: unknown): { steps: readonly PlanStep[]; destructive: boolean } | undefined {
  const plan = (value as { plan?: { steps?: unknown; destructive?: unknown } } | undefined)?.plan;
  if (!plan || !Array.isArray(plan.steps)) return undefined;
  const steps = plan.steps as PlanStep[];
  return { steps, destructive: plan.destructive === true || steps.some(isDestructiveStep) };
}
