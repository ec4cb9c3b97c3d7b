import type { Field, Locale } from "@plinth/runtime";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type CSSProperties,
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
import type { EditorLookup } from "./CellEditor.js";
import { GridHead } from "./GridHead.js";
import { GridRow } from "./GridRow.js";
import { DIV_TAGS, ROW_HEIGHT, TABLE_TAGS } from "./gridLayout.js";
import { cellKey, type InlineEdit } from "./useInlineEdit.js";

const features = tableFeatures({});
const noRows: RecordJson[] = [];
const helper = createColumnHelper<typeof features, RecordJson>();

/** From this many loaded rows on, only the visible rows are in the DOM (TanStack Virtual). */
export const VIRTUALIZE_FROM = 60;
/**
 * Rows drawn beyond each edge of the view. Every one is restyled, laid out and painted on a scroll
 * frame that brings new rows in: 4 (not 12) cut the scroll benchmark's mean frame over 100,000 rows
 * from about 20.5 to 18 ms and its frames over 20 ms by about 60%, and still covers a wheel step.
 */
const OVERSCAN_ROWS = 4;
/** Load the next page when the user scrolls within this many rows of the end of the loaded ones. */
const NEAR_END_ROWS = 15;
/**
 * A virtual table asks sooner, 100 rows ahead (as the hand-written list of the scroll benchmark
 * does): 15 rows is less than one wheel flick, so a fast scroll reached the end and waited there
 * for every page.
 */
const PREFETCH_ROWS = 100;

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
 * Rows are memoised: scrolling renders only the rows that enter the view. A virtual table is a
 * real <table> for its first frame (the browser sizes the columns), then positioned ARIA-table
 * divs with those widths (see gridLayout.ts).
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
  const tableRef = useRef<HTMLElement>(null);
  const widths = useFrozenWidths(tableRef, virtual && shown.length > 0, columns);
  // Frozen widths: rows are divs at their own offset, the columns one grid template for all.
  const positioned = widths !== undefined;
  const tags = positioned ? DIV_TAGS : TABLE_TAGS;
  const { table: Table, body: Body } = tags;
  const gridStyle = useMemo(
    () =>
      widths &&
      ({
        "--plinth-grid-columns": gridTemplate(widths),
        "--plinth-row-height": `${ROW_HEIGHT}px`,
      } as CSSProperties),
    [widths],
  );
  // The row callbacks, stable while the editing state changes (so only the edited row re-renders).
  const { start, cancel, commit, validate } = edit;
  const actions = useMemo(() => ({ start, cancel, commit, validate }), [start, cancel, commit, validate]);

  // The next page: when the last rows come into view (virtual rows: by index, no layout read
  // while scrolling), or, with few rows, when the view is scrolled near the bottom or not filled.
  const lastShown = virtual ? (items.at(-1)?.index ?? 0) : records.length - 1;
  useEffect(() => {
    if (hasMore && virtual && lastShown >= records.length - PREFETCH_ROWS) onNearEnd();
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
    (event: ReactMouseEvent<HTMLElement>) => {
      const target = event.target as Element;
      if (target.closest(".plinth-editable")) return;
      const id = target.closest<HTMLElement>("[data-row-id]")?.dataset.rowId;
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
    const cell = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`);
    cell?.focus();
  }, [edit.editing]);

  return (
    <div
      ref={scrollRef}
      className="plinth-grid-scroll"
      data-virtual={virtual ? "on" : "off"}
      onScroll={virtual ? undefined : nearBottom}
    >
      <Table
        ref={tableRef as RefObject<never>}
        role="table"
        className="plinth-grid"
        aria-rowcount={records.length + 1}
        data-widths={positioned ? "fixed" : undefined}
        style={gridStyle}
      >
        <GridHead
          tags={tags}
          columns={columns}
          headerIds={headerIds}
          sort={sort}
          onSort={onSort}
          openText={t("openRow")}
          sortText={sortText}
        />
        {/* Each row's open button is a real button (Enter and Space click it, and the click bubbles here). */}
        <Body
          role="rowgroup"
          className="plinth-grid-body"
          onClick={openFromRow}
          style={positioned ? { height: virtualizer.getTotalSize() } : undefined}
        >
          {!positioned && padTop > 0 && <Spacer colSpan={colSpan} height={padTop} />}
          {shown.map((record, i) => {
            const editingField = edit.editing?.rowId === record.id ? edit.editing.field : undefined;
            return (
              <GridRow
                key={virtual ? slotKey(first + i, shown.length) : record.id}
                tags={tags}
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
                rowIndex={virtual ? first + i + 2 : undefined}
                top={positioned ? (first + i) * ROW_HEIGHT : undefined}
              />
            );
          })}
          {!positioned && padBottom > 0 && <Spacer colSpan={colSpan} height={padBottom} />}
        </Body>
      </Table>
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
  tableRef: RefObject<HTMLElement | null>,
  ready: boolean,
  columns: readonly GridColumn[],
): readonly number[] | undefined {
  const [frozen, setFrozen] = useState<{ columns: readonly GridColumn[]; widths: readonly number[] }>();
  const current = frozen?.columns === columns ? frozen.widths : undefined;
  useLayoutEffect(() => {
    if (!ready || current) return;
    const cells = tableRef.current?.querySelectorAll<HTMLElement>(".plinth-grid-head [role=columnheader]");
    if (!cells || cells.length !== columns.length + 1) return;
    const widths = [...cells].map((cell) => cell.getBoundingClientRect().width);
    if (widths.every((width) => width > 0)) setFrozen({ columns, widths });
  }, [ready, current, columns, tableRef]);
  return current;
}

/**
 * The columns of a positioned grid: the open button's column as measured, every other column at
 * least as wide as measured and sharing any room the view gains (a wider window) in proportion.
 */
function gridTemplate(widths: readonly number[]): string {
  return widths.map((width, i) => (i === 0 ? `${width}px` : `minmax(${width}px, ${width}fr)`)).join(" ");
}

/** The empty row that stands for the rows above or below the view in a virtual <table>. */
function Spacer({ colSpan, height }: { readonly colSpan: number; readonly height: number }) {
  return (
    <tr className="plinth-spacer">
      <td colSpan={colSpan} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/**
 * Virtual rows are keyed by their slot in the window, not by record: a row scrolled out hands its
 * element and cells to the row scrolled in, so scrolling moves rows and updates their text
 * instead of building new ones: fewer objects made per frame, so fewer long garbage collections.
 * Over 100,000 rows (one run each) the scroll benchmark's frames over 50 ms fell from 12 and 43
 * (load as scrolled, all loaded) keyed by record to 2 and 8 keyed by slot.
 */
function slotKey(index: number, windowSize: number): string {
  return `slot-${index % Math.max(1, windowSize)}`;
}
