import {
  type App,
  titleFieldOf as coreTitleField,
  type DataSource,
  type FormulaNode,
  printFormula,
  type SourceUser,
} from "@plinth/runtime";
import type { FilterLookup } from "./filter/FilterBuilder.js";
import type { EditorLookup } from "./grid/CellEditor.js";

type Choice = { readonly value: string; readonly label: string };
const at = { start: 0, end: 0 } as const;

/** The field that names a record of `entity`: its title field, else its first text field. */
export function titleFieldOf(app: App, entity: string): string | undefined {
  const target = (app.entities ?? []).find((e) => e.id === entity);
  return target ? coreTitleField(target) : undefined;
}

/**
 * Records of `entity` whose title contains `search`, as choices (id → title). The search goes to
 * the server as a formula built as a syntax tree and printed by the core, so any text is quoted
 * the way the language reads it.
 */
export async function recordChoices(
  app: App,
  source: Pick<DataSource, "list">,
  entity: string,
  search: string,
): Promise<Choice[]> {
  const title = titleFieldOf(app, entity) ?? "id";
  const lower = (node: FormulaNode): FormulaNode => ({
    type: "call",
    name: "LOWER",
    args: [node],
    span: at,
    nameSpan: at,
  });
  const filter =
    search.trim() === ""
      ? undefined
      : printFormula({
          type: "call",
          name: "CONTAINS",
          args: [lower({ type: "field", path: [title], span: at }), lower({ type: "string", value: search, span: at })],
          span: at,
          nameSpan: at,
        });
  const page = await source.list(entity, { limit: 50, fields: [title], ...(filter ? { filter } : {}) });
  return page.records.map((r) => ({ value: String(r.id), label: String(r[title] ?? r.id) }));
}

/** The data source as the table's pickers use it: records by title, and the app's people when it has them. */
export type LookupSource = Pick<DataSource, "list"> & Partial<Pick<DataSource, "people">>;

/** The source's `people`, bound (a REST or memory source's method may use `this`). */
function peopleOf(source: LookupSource): DataSource["people"] | undefined {
  const people = source.people;
  return people ? (options) => people.call(source, options) : undefined;
}

/** Choices for the filter builder's id values: related records by title, people by name. */
export function builderLookup(app: App, source: LookupSource): FilterLookup {
  return {
    records: (field, search) => (field.target ? recordChoices(app, source, field.target, search) : Promise.resolve([])),
    people: peopleOf(source),
  };
}

/**
 * Choices for the inline editor's widgets, as the form hands them to its widgets: relation
 * records by title, and `people`, with which the runtime's user widget searches the app's people
 * by name. A source without `people` offers the signed-in user (whom the player knows) only.
 */
export function editorLookup(app: App, source: LookupSource, me: SourceUser | undefined): EditorLookup {
  const people = peopleOf(source);
  return {
    ...(people ? { people } : {}),
    async options(search, field) {
      if (field.kind === "relation") return recordChoices(app, source, field.target, search);
      if (field.kind === "user" && me) {
        const label = me.displayName || me.username;
        return label.toLowerCase().includes(search.toLowerCase()) ? [{ value: me.id, label }] : [];
      }
      return [];
    },
  };
}
