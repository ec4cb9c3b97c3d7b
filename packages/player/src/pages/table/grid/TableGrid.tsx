import { CaretDownOutlined, CaretUpOutlined } from "@ant-design/icons";
import type { Field, Locale } from "@plinth/runtime";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type KeyboardEvent,
  memo,
  type MouseEvent as ReactMouseEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import type { RecordJson } from "../../../data/records.js";
import type { SortKey } from "../../../sort.js";
import { CellEditor, type EditorLookup } from "./CellEditor.js";
import { cellKey, type InlineEdit } from "./useInlineEdit.js";

const features = tableFeatures({});
const noRows: RecordJson[] = [];
const helper = createColumnHelper<typeof features, RecordJson>();

/** From this many loaded rows on, only the visible rows are in the DOM (TanStack Virtual). */
export const VIRTUALIZE_FROM = 60;
export const ROW_HEIGHT = 41;
/**
 * Rows drawn beyond each edge of the view. Every one is restyled, laid out and painted on a scroll
 * frame that brings new rows in: 4 (not 12) cut the scroll benchmark's mean frame over 100,000 rows
 * from about 20.5 to 18 ms and its frames over 20 ms by about 60%, and still covers a wheel step.
 */
const OVERSCAN_ROWS = 4;
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
  readonly lookup?: EditorLookup | undefined;
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = records.length >= VIRTUALIZE_FROM;
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN_ROWS,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const first = virtual ? (items[0]?.index ?? 0) : 0;
  const end = virtual ? (items.at(-1)?.index ?? -1) + 1 : records.length;
  const shown = useMemo(() => records.slice(first, end) as RecordJson[], [records, first, end]);
  // TanStack Table gives the header model; rows are drawn straight from the records in view (its
  // row model added a table-state update per scroll frame and nothing the rows use).
  const table = useTable({ features, columns: tableColumns, data: noRows });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the headers change with the column defs
  const headerIds = useMemo(
    () => table.getHeaderGroups()[0]?.headers.map((h) => h.column.id) ?? [],
    [table, tableColumns],
  );
  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const colSpan = columns.length + 1;
  const tableRef = useRef<HTMLTableElement>(null);
  const widths = useFrozenWidths(tableRef, virtual && shown.length > 0, columns);
  // The row callbacks, stable while the editing state changes (so only the edited row re-renders).
  const { start, cancel, commit, validate } = edit;
  const actions = useMemo(() => ({ start, cancel, commit, validate }), [start, cancel, commit, validate]);

  // The next page: when the last rows come into view (virtual rows: by index, no layout read
  // while scrolling), or, with few rows, when the view is scrolled near the bottom or not filled.
  const lastShown = virtual ? (items.at(-1)?.index ?? 0) : records.length - 1;
  useEffect(() => {
    if (hasMore && virtual && lastShown >= records.length - NEAR_END_ROWS) onNearEnd();
  }, [hasMore, virtual, lastShown, records.length, onNearEnd]);
  const nearBottom = useCallback(() => {
    const el = scrollRef.current;
    if (!hasMore || virtual || !el || el.clientHeight === 0) return;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - NEAR_END_ROWS * ROW_HEIGHT) onNearEnd();
  }, [hasMore, virtual, onNearEnd]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: checked again whenever the rows change
  useEffect(nearBottom, [nearBottom, records.length]);

  // One click handler for every row (a row or its open button opens the record; editable cells
  // do not): no closures per row while scrolling.
  const { onOpen } = props;
  const openFromRow = useCallback(
    (event: ReactMouseEvent<HTMLTableSectionElement>) => {
      const target = event.target as Element;
      if (target.closest("td.plinth-editable")) return;
      const id = target.closest<HTMLTableRowElement>("tr[data-row-id]")?.dataset.rowId;
      if (id) onOpen(id);
    },
    [onOpen],
  );

  const sortText = useCallback((column: string) => t("sortBy", { column }), [t]);

  // Words every row uses, made once (a row calls no i18n hook: rows mount as fast as they can).
  const words = useMemo(() => {
    const open = t("openRecord", { title: "\u0000" }).split("\u0000");
    return {
      openRecord: (title: string) => open.join(title),
      editHint: t("editHint"),
    };
  }, [t]);

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
    <div
      ref={scrollRef}
      className="plinth-grid-scroll"
      data-virtual={virtual ? "on" : "off"}
      onScroll={virtual ? undefined : nearBottom}
    >
      <table
        ref={tableRef}
        className="plinth-grid"
        aria-rowcount={records.length + 1}
        data-widths={widths ? "fixed" : undefined}
      >
        {widths && (
          <colgroup>
            {widths.map((width, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one <col> per column position, in order
              <col key={i} style={{ width }} />
            ))}
          </colgroup>
        )}
        <GridHead
          columns={columns}
          headerIds={headerIds}
          sort={sort}
          onSort={onSort}
          openText={t("openRow")}
          sortText={sortText}
        />
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: each row's open button is a real button (Enter and Space click it, and the click bubbles here) */}
        <tbody onClick={openFromRow}>
          {padTop > 0 && (
            <tr className="plinth-spacer">
              <td colSpan={colSpan} style={{ height: padTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {shown.map((record, i) => {
            const editingField = edit.editing?.rowId === record.id ? edit.editing.field : undefined;
            return (
              <GridRow
                key={virtual ? slotKey(first + i, shown.length) : record.id}
                record={record}
                columns={columns}
                canEdit={props.canEditRecord(record)}
                editingField={editingField}
                saving={editingField !== undefined && edit.saving}
                errors={edit.errors}
                edit={actions}
                title={props.titleOf(record)}
                words={words}
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
      {records.length === 0 && empty}
    </div>
  );
}

/**
 * Column widths of a virtual table, taken from the header cells once the first rows are drawn
 * (the browser's automatic layout of the first page) and then kept with `table-layout: fixed`.
 * Automatic table layout sizes every column from every cell in the DOM, so while rows scroll past
 * the columns jumped sideways and each frame re-measured every cell's text. A new column set
 * measures again; `undefined` until measured (or where nothing has a width, as in jsdom).
 */
function useFrozenWidths(
  tableRef: RefObject<HTMLTableElement | null>,
  ready: boolean,
  columns: readonly GridColumn[],
): readonly number[] | undefined {
  const [frozen, setFrozen] = useState<{ columns: readonly GridColumn[]; widths: readonly number[] }>();
  const current = frozen?.columns === columns ? frozen.widths : undefined;
  useLayoutEffect(() => {
    if (!ready || current) return;
    const cells = tableRef.current?.querySelectorAll<HTMLTableCellElement>("thead th");
    if (!cells || cells.length !== columns.length + 1) return;
    const widths = [...cells].map((cell) => cell.getBoundingClientRect().width);
    if (widths.every((width) => width > 0)) setFrozen({ columns, widths });
  }, [ready, current, columns, tableRef]);
  return current;
}

/**
 * Virtual rows are keyed by their slot in the window, not by record: a row scrolled out hands its
 * <tr> and cells to the row scrolled in, so scrolling updates text in place instead of removing
 * and building rows (the long frames of the table scroll benchmark were React mounting rows).
 */
function slotKey(index: number, windowSize: number): string {
  return `slot-${index % Math.max(1, windowSize)}`;
}

interface GridHeadProps {
  readonly columns: readonly GridColumn[];
  /** The header cells TanStack Table made, by column id. */
  readonly headerIds: readonly string[];
  readonly sort: readonly SortKey[];
  readonly onSort: (field: string) => void;
  readonly openText: string;
  readonly sortText: (column: string) => string;
}

/** The header row: sort buttons with the direction shown; re-renders only when columns or sort change. */
const GridHead = memo(function GridHead({ columns, headerIds, sort, onSort, openText, sortText }: GridHeadProps) {
  return (
    <thead>
      <tr>
        <th className="plinth-open-col">
          <span className="plinth-visually-hidden">{openText}</span>
        </th>
        {headerIds.map((id) => {
          const column = columns.find((c) => c.id === id);
          const direction = sort[0]?.field === id ? sort[0].direction : undefined;
          return (
            <th
              key={id}
              aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
              className={column?.numeric ? "num" : undefined}
            >
              {column?.sortable ? (
                <button
                  type="button"
                  className="plinth-sort"
                  title={sortText(column.label)}
                  onClick={() => onSort(column.id)}
                >
                  {column.label}
                  <span className="plinth-sort-icon" aria-hidden="true">
                    {direction === "asc" ? <CaretUpOutlined /> : direction === "desc" ? <CaretDownOutlined /> : null}
                  </span>
                </button>
              ) : (
                column?.label
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
});

interface GridRowProps {
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
}

/** Every row's style (one object, not one per row). */
const rowStyle = { height: ROW_HEIGHT } as const;

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
    title,
    words,
    locale,
    lookup,
  }: GridRowProps) {
    const openLabel = words.openRecord(title);
    return (
      <tr data-row-id={record.id} style={rowStyle}>
        <td className="plinth-open-col">
          <button type="button" className="plinth-open-row" aria-label={openLabel} />
        </td>
        {columns.map((column) => {
          const editable = canEdit && column.editable && column.field !== undefined;
          if (!editable) {
            // Read-only cells: no key string, no handlers (most cells, while scrolling fast).
            const error = errors.size > 0 ? errors.get(cellKey(record.id, column.id)) : undefined;
            return (
              <td
                key={column.id}
                className={column.numeric ? "num" : undefined}
                data-problem={error !== undefined ? "true" : undefined}
              >
                {column.format(record[column.id])}
                {error && <CellError text={error} />}
              </td>
            );
          }
          const key = cellKey(record.id, column.id);
          const error = errors.get(key);
          const className = column.numeric ? "num plinth-editable" : "plinth-editable";
          const editing = editingField === column.id;
          return (
            <td
              key={column.id}
              className={className}
              data-cell={key}
              data-editing={editing ? "true" : undefined}
              tabIndex={editing ? -1 : 0}
              title={editing ? undefined : words.editHint}
              aria-invalid={error !== undefined || undefined}
              data-problem={error !== undefined ? "true" : undefined}
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
