/**
 * The designer canvas benchmark's app: one entity with enough fields for a form page whose
 * layout holds exactly 300 nodes, nested as the page builder nests them (a root section holding
 * sections, a columns node and a tabs node with two tabs).
 */
import type { App, LayoutNode } from "@plinth/runtime";

/** The figure: "on a page of 300 nodes". */
export const DESIGNER_NODE_COUNT = 300;
export const BENCH_ENTITY = "deal";
export const BENCH_PAGE_INDEX = 0;

/** The root section, 8 sections, a columns node and a tabs node: 11 containers. */
const SECTIONS = 8;
const CONTAINERS = 1 + SECTIONS + 2;
/** Every other node is a field node, each for its own field. */
export const FIELD_COUNT = DESIGNER_NODE_COUNT - CONTAINERS;

/** The child lists fields are spread over: 8 sections, the columns node, two tabs. */
const LISTS = SECTIONS + 1 + 2;

const root = `/pages/${BENCH_PAGE_INDEX}/layout/children`;
/** Where the timed moves go: the first field of section 1 to the end of the first tab and back. */
export const MOVE_FROM = `${root}/0/children`;
export const MOVE_TO = `${root}/${SECTIONS + 1}/tabs/0/children`;
/** The node whose label the timed property changes edit: a field in the middle of the page. */
export const LABEL_NODE = `${root}/4/children/10`;

function fieldId(i: number): string {
  return `f${String(i + 1).padStart(3, "0")}`;
}

/** The app: `FIELD_COUNT` fields (text, number, date, select in turn) and the 300-node form page. */
export function designerBenchApp(): App {
  const kinds = ["text", "number", "date", "select"] as const;
  const fields = Array.from({ length: FIELD_COUNT }, (_, i) => {
    const kind = kinds[i % kinds.length] as (typeof kinds)[number];
    const label = { en: `Field ${i + 1}`, "zh-CN": `字段 ${i + 1}` };
    return kind === "select"
      ? { id: fieldId(i), kind, label, options: [{ value: "a" }, { value: "b" }, { value: "c" }] }
      : { id: fieldId(i), kind, label };
  });
  const lists: LayoutNode[][] = Array.from({ length: LISTS }, () => []);
  fields.forEach((field, i) => {
    lists[i % LISTS]?.push({ kind: "field", field: field.id });
  });
  const at = (i: number) => lists[i] ?? [];
  const children: LayoutNode[] = [
    ...Array.from({ length: SECTIONS }, (_, s) => ({
      kind: "section" as const,
      label: { en: `Section ${s + 1}`, "zh-CN": `分组 ${s + 1}` },
      columns: 2,
      children: at(s),
    })),
    { kind: "columns", children: at(SECTIONS) },
    {
      kind: "tabs",
      tabs: [
        { id: "one", label: "One", children: at(SECTIONS + 1) },
        { id: "two", label: "Two", children: at(SECTIONS + 2) },
      ],
    },
  ];
  return {
    schemaVersion: 1,
    id: "designerBench",
    version: "1.0.0",
    label: "Designer bench",
    roles: [{ id: "rep" }],
    entities: [{ id: BENCH_ENTITY, label: "Deal", titleField: fieldId(0), fields }],
    permissions: [{ role: "rep", entity: BENCH_ENTITY, actions: ["read", "create", "update"] }],
    pages: [
      {
        kind: "form",
        id: "deal_form",
        entity: BENCH_ENTITY,
        layout: { kind: "section", label: "Deal", columns: 2, children },
      },
    ],
  } as unknown as App;
}
