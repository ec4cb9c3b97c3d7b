import { type Entity, type Label, type Locale, labelText, systemFields } from "@plinth/runtime";
import { type FieldView, formatValue, isNumeric, type TitleLookup } from "../../../format.js";
import { sortable } from "../../../sort.js";
import type { TableAccess } from "../access.js";
import type { GridColumn } from "./TableGrid.js";

export interface GridColumnsInput {
  /** The shown columns (field ids), in order. */
  readonly ids: readonly string[];
  readonly entity: Entity | undefined;
  /** Labels the page gives its own columns. */
  readonly pageLabels: ReadonlyMap<string, Label | undefined>;
  readonly locale: Locale;
  /** Titles of related records, for relation cells. */
  readonly titles: TitleLookup;
  readonly currency?: string | undefined;
  readonly access: Pick<TableAccess, "canEditField">;
}

/** The grid's columns: label, alignment, sortability, editability and the cell's text, once per column set. */
export function gridColumns(input: GridColumnsInput): GridColumn[] {
  const { ids, entity, pageLabels, locale, titles, currency, access } = input;
  const fields = new Map([...systemFields, ...(entity?.fields ?? [])].map((f) => [f.id, f]));
  return ids.map((id) => {
    const field = fields.get(id);
    const view = field as FieldView | undefined;
    return {
      id,
      field,
      label: labelText(pageLabels.get(id) ?? field?.label, locale, id),
      numeric: isNumeric(view),
      sortable: sortable(id) && field?.kind !== "attachment" && field?.kind !== "multiSelect",
      editable: access.canEditField(id),
      format: (value: unknown) => formatValue(view, value, locale, titles, currency),
    };
  });
}
