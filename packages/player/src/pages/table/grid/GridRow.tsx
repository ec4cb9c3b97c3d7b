import type { Locale } from "@plinth/runtime";
import { type KeyboardEvent, memo } from "react";
import type { RecordJson } from "../../../data/records.js";
import { CellEditor, type EditorLookup } from "./CellEditor.js";
import { type GridTags, ROW_HEIGHT } from "./gridLayout.js";
import type { GridColumn } from "./TableGrid.js";
import { cellKey, type InlineEdit } from "./useInlineEdit.js";

interface GridRowProps {
  readonly tags: GridTags;
  readonly record: RecordJson;
  readonly columns: readonly GridColumn[];
  readonly canEdit: boolean;
  readonly editingField: string | undefined;
  readonly saving: boolean;
  readonly errors: ReadonlyMap<string, string>;
  readonly edit: Pick<InlineEdit, "start" | "cancel" | "commit" | "validate">;
  readonly title: string;
  readonly words: { readonly openRecord: (title: string) => string; readonly editHint: string };
  readonly locale: Locale;
  readonly lookup?: EditorLookup | undefined;
  /** Its place among all rows (a virtual table's rows: aria-rowindex, counting the header as 1). */
  readonly rowIndex?: number | undefined;
  /** Its offset in px in a positioned (virtual, div) grid. */
  readonly top?: number | undefined;
}

/** Every row's style (one object, not one per row). */
const rowStyle = { height: ROW_HEIGHT } as const;

/** One row; re-renders only when its record, its editing state or the columns change. */
export const GridRow = memo(
  function GridRow({
    tags,
    record,
    columns,
    canEdit,
    editingField,
    saving,
    errors,
    edit,
    title,
    words,
    locale,
    lookup,
    rowIndex,
    top,
  }: GridRowProps) {
    const openLabel = words.openRecord(title);
    const { row: Row, cell: Cell } = tags;
    return (
      <Row role="row" data-row-id={record.id} aria-rowindex={rowIndex} style={top === undefined ? rowStyle : { top }}>
        <Cell role="cell" className="plinth-open-col">
          <button type="button" className="plinth-open-row" aria-label={openLabel} />
        </Cell>
        {columns.map((column) => {
          const editable = canEdit && column.editable && column.field !== undefined;
          if (!editable) {
            // Read-only cells: no key string, no handlers (most cells, while scrolling fast).
            const error = errors.size > 0 ? errors.get(cellKey(record.id, column.id)) : undefined;
            return (
              <Cell
                key={column.id}
                role="cell"
                className={column.numeric ? "num" : undefined}
                data-problem={error !== undefined ? "true" : undefined}
              >
                {column.format(record[column.id])}
                {error && <CellError text={error} />}
              </Cell>
            );
          }
          const key = cellKey(record.id, column.id);
          const error = errors.get(key);
          const className = column.numeric ? "num plinth-editable" : "plinth-editable";
          const editing = editingField === column.id;
          return (
            <Cell
              key={column.id}
              role="cell"
              className={className}
              data-cell={key}
              data-editing={editing ? "true" : undefined}
              tabIndex={editing ? -1 : 0}
              title={editing ? undefined : words.editHint}
              aria-invalid={error !== undefined || undefined}
              data-problem={error !== undefined ? "true" : undefined}
              onDoubleClick={() => editing || edit.start(record.id, column.id)}
              onKeyDown={(event: KeyboardEvent<HTMLElement>) => {
                if (editing || event.target !== event.currentTarget) return;
                if (event.key === "Enter" || event.key === "F2") {
                  event.preventDefault();
                  edit.start(record.id, column.id);
                }
              }}
            >
              {editing && column.field ? (
                <CellEditor
                  field={column.field}
                  label={column.label}
                  value={record[column.id]}
                  validate={(value) => edit.validate(record, column.id, value)}
                  onCommit={(value) => edit.commit(record, column.id, value)}
                  onCancel={edit.cancel}
                  saving={saving}
                  locale={locale}
                  lookup={lookup}
                />
              ) : (
                column.format(record[column.id])
              )}
              {error && !editing && <CellError text={error} />}
            </Cell>
          );
        })}
      </Row>
    );
  },
  (a, b) =>
    a.tags === b.tags &&
    a.record === b.record &&
    a.rowIndex === b.rowIndex &&
    a.top === b.top &&
    a.columns === b.columns &&
    a.canEdit === b.canEdit &&
    a.editingField === b.editingField &&
    a.saving === b.saving &&
    a.edit === b.edit &&
    a.title === b.title &&
    a.words === b.words &&
    a.locale === b.locale &&
    // Messages change rarely; a row re-renders only when one of its own cells gained or lost one.
    (a.errors === b.errors ||
      a.columns.every((c) => a.errors.get(cellKey(a.record.id, c.id)) === b.errors.get(cellKey(b.record.id, c.id)))),
);

function CellError({ text }: { text: string }) {
  return (
    <div role="alert" className="plinth-cell-error">
      {text}
    </div>
  );
}
