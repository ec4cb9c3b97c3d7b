import { CaretDownOutlined, CaretUpOutlined, ExportOutlined } from "@ant-design/icons";
import type { Field, Locale } from "@plinth/runtime";
import type { OptionsLookup } from "@plinth/runtime/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, memo, type ReactNode, useCallback, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { RecordJson } from "../../../data/records.js";
import type { SortKey } from "../../../sort.js";
import { CellEditor } from "./CellEditor.js";
import { cellKey, type InlineEdit } from "./useInlineEdit.js";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, RecordJson>();

/** From this many loaded rows on, only the visible rows are in the DOM (TanStack Virtual). */
export const VIRTUALIZE_FROM = 60;
export const ROW_HEIGHT = 41;
/** Load the next page when the user scrolls within this many rows of the end of the loaded ones. */
const NEAR_END_ROWS = 15;

/** A column as the grid draws it (computed once per column set, not per row). */
export interface GridColumn {
  readonly id: string;
  readonly field: Field | undefined;
  readonly label: string;
  readonly numeric: boolean;
  readonly sortable: boolean;
  /** The user may edit this field in place (the record must allow it too). */
  readonly editable: boolean;
  /** The cell's text. */
  readonly format: (value: unknown) => string;
}

export interface TableGridProps {
  readonly columns: readonly GridColumn[];
  readonly records: readonly RecordJson[];
  readonly sort: readonly SortKey[];
  readonly onSort: (field: string) => void;
  readonly onOpen: (id: string) => void;
  /** The record's title for "Open …" (its title field, else its id). */
  readonly titleOf: (record: RecordJson) => string;
  readonly canEditRecord: (record: RecordJson) => boolean;
  readonly edit: InlineEdit;
  readonly locale: Locale;
  readonly lookup?: OptionsLookup | undefined;
  /** More rows wait on the server: the grid asks for them near the end of the loaded ones. */
  readonly hasMore: boolean;
  readonly onNearEnd: () => void;
  /** Shown under the rows when there are none. */
  readonly empty?: ReactNode;
}

/**
 * The table: TanStack Table for the row model, TanStack Virtual for the rows in view, sort by
 * header, an "open" button per row, inline editing of permitted cells (Enter or double-click;
 * Escape cancels), and the next page loaded as the end of the loaded rows comes into view.
 * Rows are memoised: scrolling renders only the rows that enter the view.
 */
export function TableGrid(props: TableGridProps) {
  const { columns, records, sort, onSort, hasMore, onNearEnd, edit, empty } = props;
  const { t } = useTranslation();
  const tableColumns = useMemo(
    () =>
      columns.map((column) =>
        helper.accessor((row: RecordJson) => row[column.id], { id: column.id, header: column.label }),
      ),
    [columns],
  );
  const table = useTable({ features, columns: tableColumns, data: records as RecordJson[], getRowId: (row) => row.id });
  const rows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length >= VIRTUALIZE_FROM;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shown = virtual ? items.map((item) => rows[item.index]).filter((r) => r !== undefined) : rows;
  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const colSpan = columns.length + 1;
  // The row callbacks, stable while the editing state changes (so only the edited row re-renders).
  const { start, cancel, commit, validate } = edit;
  const actions = useMemo(() => ({ start, cancel, commit, validate }), [start, cancel, commit, validate]);

  // The next page: when the last rows come into view, or when the loaded rows do not fill the view.
  const lastShown = virtual ? (items.at(-1)?.index ?? 0) : rows.length - 1;
  const nearEnd = useCallback(() => {
    const el = scrollRef.current;
    if (!hasMore || !el || el.clientHeight === 0) return;
    const byIndex = virtual && lastShown >= rows.length - NEAR_END_ROWS;
    const byScroll = el.scrollTop + el.clientHeight >= el.scrollHeight - NEAR_END_ROWS * ROW_HEIGHT;
    if (byIndex || byScroll) onNearEnd();
  }, [hasMore, virtual, lastShown, rows.length, onNearEnd]);
  useEffect(nearEnd, [nearEnd]);

  // After an edit closes, the keyboard stays on the cell it was in.
  const lastEdited = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (edit.editing) {
      lastEdited.current = cellKey(edit.editing.rowId, edit.editing.field);
      return;
    }
    const key = lastEdited.current;
    lastEdited.current = undefined;
    if (!key) return;
    const cell = scrollRef.current?.querySelector<HTMLElement>(`td[data-cell="${CSS.escape(key)}"]`);
    cell?.focus();
  }, [edit.editing]);

  return (
    <div ref={scrollRef} className="plinth-grid-scroll" data-virtual={virtual ? "on" : "off"} onScroll={nearEnd}>
      <table className="plinth-grid" aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              <th className="plinth-open-col">
                <span className="plinth-visually-hidden">{t("openRow")}</span>
              </th>
              {group.headers.map((header) => {
                const column = columns.find((c) => c.id === header.column.id);
                const direction = sort[0]?.field === header.column.id ? sort[0].direction : undefined;
                return (
                  <th
                    key={header.id}
                    aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
                    className={column?.numeric ? "num" : undefined}
                  >
                    {column?.sortable ? (
                      <button
                        type="button"
                        className="plinth-sort"
                        title={t("sortBy", { column: column.label })}
                        onClick={() => onSort(column.id)}
                      >
                        {column.label}
                        <span className="plinth-sort-icon" aria-hidden="true">
                          {direction === "asc" ? (
                            <CaretUpOutlined />
                          ) : direction === "desc" ? (
                            <CaretDownOutlined />
                          ) : null}
                        </span>
                      </button>
                    ) : (
                      column?.label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr className="plinth-spacer">
              <td colSpan={colSpan} style={{ height: padTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {shown.map((row) => {
            const record = row.original;
            const editingField = edit.editing?.rowId === record.id ? edit.editing.field : undefined;
            return (
              <GridRow
                key={row.id}
                record={record}
                columns={columns}
                canEdit={props.canEditRecord(record)}
                editingField={editingField}
                saving={editingField !== undefined && edit.saving}
                errors={edit.errors}
                edit={actions}
                onOpen={props.onOpen}
                title={props.titleOf(record)}
                locale={props.locale}
                lookup={props.lookup}
              />
            );
          })}
          {padBottom > 0 && (
            <tr className="plinth-spacer">
              <td colSpan={colSpan} style={{ height: padBottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  );
}

interface GridRowProps {
  readonly record: RecordJson;
  readonly columns: readonly GridColumn[];
  readonly canEdit: boolean;
  readonly editingField: string | undefined;
  readonly saving: boolean;
  readonly errors: ReadonlyMap<string, string>;
  readonly edit: Pick<InlineEdit, "start" | "cancel" | "commit" | "validate">;
  readonly onOpen: (id: string) => void;
  readonly title: string;
  readonly locale: Locale;
  readonly lookup?: OptionsLookup | undefined;
}

/** One row; re-renders only when its record, its editing state or the columns change. */
const GridRow = memo(
  function GridRow({
    record,
    columns,
    canEdit,
    editingField,
    saving,
    errors,
    edit,
    onOpen,
    title,
    locale,
    lookup,
  }: GridRowProps) {
    const { t } = useTranslation();
    return (
      <tr data-row-id={record.id} style={{ height: ROW_HEIGHT }} onClick={() => onOpen(record.id)}>
        <td className="plinth-open-col">
          <button
            type="button"
            className="plinth-open-row"
            aria-label={t("openRecord", { title })}
            title={t("openRecord", { title })}
            onClick={(event) => {
              event.stopPropagation();
              onOpen(record.id);
            }}
          >
            <ExportOutlined />
          </button>
        </td>
        {columns.map((column) => {
          const key = cellKey(record.id, column.id);
          const error = errors.get(key);
          const editable = canEdit && column.editable && column.field !== undefined;
          const className = [column.numeric ? "num" : "", editable ? "plinth-editable" : ""].join(" ").trim();
          if (!editable) {
            return (
              <td key={column.id} className={className || undefined} data-cell={key}>
                {column.format(record[column.id])}
                {error && <CellError text={error} />}
              </td>
            );
          }
          const editing = editingField === column.id;
          return (
            <td
              key={column.id}
              className={className}
              data-cell={key}
              data-editing={editing ? "true" : undefined}
              tabIndex={editing ? -1 : 0}
              title={editing ? undefined : t("editHint")}
              aria-invalid={error !== undefined || undefined}
              onClick={(event) => event.stopPropagation()}
              onDoubleClick={() => editing || edit.start(record.id, column.id)}
              onKeyDown={(event: KeyboardEvent<HTMLTableCellElement>) => {
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
            </td>
          );
        })}
      </tr>
    );
  },
  (a, b) =>
    a.record === b.record &&
    a.columns === b.columns &&
    a.canEdit === b.canEdit &&
    a.editingField === b.editingField &&
    a.saving === b.saving &&
    a.edit === b.edit &&
    a.title === b.title &&
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
