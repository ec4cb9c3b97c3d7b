import { CaretDownOutlined, CaretUpOutlined, ReloadOutlined } from "@ant-design/icons";
import type { Entity, TablePage as TablePageDef } from "@plinth/runtime";
import { labelText } from "@plinth/runtime";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Alert, Button, Empty, Input, Space, Spin, Typography } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../context.js";
import { errorStatus, errorText } from "../data/errors.js";
import type { RecordJson } from "../data/records.js";
import { type FieldView, formatValue, isNumeric } from "../format.js";
import { combineFilters, nextSort, type SortKey, sortable } from "../sort.js";
import { NewRecordButton, useOpenRecord } from "./form/tableHooks.js"; // form/detail pages
import type { PageProps } from "./PageView.js";
import { useRelationTitles } from "./useRelationTitles.js";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, RecordJson>();

/** Rows per request unless the page sets `pageSize` (the API allows up to 500). */
const DEFAULT_PAGE_SIZE = 50;
/** From this many loaded rows on, only the visible rows are in the DOM (TanStack Virtual). */
export const VIRTUALIZE_FROM = 60;
const ROW_HEIGHT = 41;

interface Loaded {
  readonly records: readonly RecordJson[];
  readonly next?: string;
}

function defaultSort(page: TablePageDef): SortKey[] {
  return (page.sort ?? [])
    .filter((s) => sortable(s.by))
    .map((s) => ({ field: s.by, direction: s.direction === "desc" ? "desc" : "asc" }));
}

function fieldOf(entity: Entity | undefined, path: string): FieldView | undefined {
  return entity?.fields.find((f) => f.id === path) as FieldView | undefined;
}

/**
 * A table page: the page's columns (labels from the entity's fields), server-side sort by header
 * click, a formula filter checked by the server, cursor pagination ("Load more"), virtual rows.
 */
export function TablePage({ app, page, source }: PageProps<TablePageDef>) {
  const { locale } = usePlayer();
  const { t } = useTranslation();
  const entity = (app.entities ?? []).find((e) => e.id === page.entity);
  const pageSize = Math.min(page.pageSize ?? DEFAULT_PAGE_SIZE, 500);

  const [userSort, setUserSort] = useState<SortKey[]>([]);
  const sort = userSort.length > 0 ? userSort : defaultSort(page);
  // Dashboard drill-down: start with the formula in `?filter=` (the dashboard links here with it).
  const [urlFilter] = useState(() => new URLSearchParams(window.location.search).get("filter")?.trim() ?? "");
  const [filterText, setFilterText] = useState(urlFilter);
  const [appliedFilter, setAppliedFilter] = useState(urlFilter);
  const [loaded, setLoaded] = useState<Loaded>({ records: [] });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const requestNo = useRef(0);
  const openRecord = useOpenRecord(app.id, page.entity); // form/detail pages: a row click opens the record

  const filter = combineFilters(page.filter, appliedFilter);
  const sortKey = JSON.stringify(sort);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `sortKey` stands for `sort` (a new array each render)
  const load = useCallback(
    async (cursor?: string) => {
      const no = ++requestNo.current;
      setLoading(true);
      setError(undefined);
      try {
        const result = await source.list(page.entity, {
          ...(filter ? { filter } : {}),
          ...(sort.length > 0 ? { sort } : {}),
          limit: pageSize,
          ...(cursor ? { cursor } : {}),
        });
        if (no !== requestNo.current) return;
        const records = result.records as RecordJson[];
        setLoaded((old) => ({
          records: cursor ? [...old.records, ...records] : records,
          ...(result.next ? { next: result.next } : {}),
        }));
      } catch (e) {
        if (no !== requestNo.current) return;
        if (!cursor) setLoaded({ records: [] });
        setError(e);
      } finally {
        if (no === requestNo.current) setLoading(false);
      }
    },
    [source, page.entity, filter, sortKey, pageSize],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const columnIds = page.columns.map((c) => c.field);
  const titles = useRelationTitles(app, entity, columnIds, source);
  const currency = app.settings?.currency;

  const columns = useMemo(
    () =>
      page.columns.map((column) => {
        const field = fieldOf(entity, column.field);
        return helper.accessor((row: RecordJson) => row[column.field], {
          id: column.field,
          header: labelText(column.label ?? field?.label, locale, column.field),
          cell: (info) => formatValue(field, info.getValue(), locale, titles, currency),
        });
      }),
    [page.columns, entity, locale, titles, currency],
  );
  const data = loaded.records as RecordJson[];
  const table = useTable({ features, columns, data, getRowId: (row: RecordJson) => row.id });
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

  // A 400 while filtering is the server's verdict on the formula: shown under the filter box.
  const filterError = errorStatus(error) === 400 && filter !== undefined ? error : undefined;
  const colSpan = Math.max(columns.length, 1);

  return (
    <div className="plinth-table-page">
      <Typography.Title level={3} className="plinth-page-title">
        {labelText(page.label, locale, page.id)}
      </Typography.Title>
      <NewRecordButton appId={app.id} entity={page.entity} /> {/* form/detail pages */}
      <form
        className="plinth-filter"
        onSubmit={(event) => {
          event.preventDefault();
          setAppliedFilter(filterText.trim());
        }}
      >
        <Space.Compact style={{ width: "100%" }}>
          <Input
            aria-label={t("filter")}
            placeholder={t("filterPlaceholder")}
            value={filterText}
            onChange={(event) => setFilterText(event.target.value)}
            status={filterError !== undefined ? "error" : undefined}
            allowClear
          />
          <Button type="primary" htmlType="submit">
            {t("apply")}
          </Button>
          <Button
            onClick={() => {
              setFilterText("");
              setAppliedFilter("");
            }}
          >
            {t("clear")}
          </Button>
        </Space.Compact>
      </form>
      {filterError !== undefined && (
        <Alert
          role="alert"
          type="error"
          showIcon
          className="plinth-filter-error"
          title={errorText(filterError, locale)}
          data-testid="filter-error"
        />
      )}
      {error !== undefined && filterError === undefined && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title={errorText(error, locale)}
          action={
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              {t("retry")}
            </Button>
          }
        />
      )}
      <div ref={scrollRef} className="plinth-grid-scroll" data-virtual={virtual ? "on" : "off"}>
        <table className="plinth-grid" aria-rowcount={rows.length + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const id = header.column.id;
                  const direction = sort[0]?.field === id ? sort[0].direction : undefined;
                  const canSort = sortable(id);
                  const numeric = isNumeric(fieldOf(entity, id));
                  return (
                    <th
                      key={header.id}
                      aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
                      className={numeric ? "num" : undefined}
                    >
                      {canSort ? (
                        <button
                          type="button"
                          className="plinth-sort"
                          title={t("sortBy", { column: String(header.column.columnDef.header ?? id) })}
                          onClick={() => setUserSort(nextSort(sort, id))}
                        >
                          <table.FlexRender header={header} />
                          <span className="plinth-sort-icon" aria-hidden="true">
                            {direction === "asc" ? (
                              <CaretUpOutlined />
                            ) : direction === "desc" ? (
                              <CaretDownOutlined />
                            ) : null}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
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
            {shown.map((row) => (
              <tr
                key={row.id}
                data-row-id={row.id}
                style={{ height: ROW_HEIGHT, cursor: "pointer" }}
                onClick={() => openRecord(row.id)}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={isNumeric(fieldOf(entity, cell.column.id)) ? "num" : undefined}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {padBottom > 0 && (
              <tr className="plinth-spacer">
                <td colSpan={colSpan} style={{ height: padBottom, padding: 0, border: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
        {!loading && error === undefined && rows.length === 0 && <Empty description={t("noRecords")} />}
      </div>
      <div className="plinth-table-foot">
        <Typography.Text type="secondary" data-testid="row-count">
          {t("rowsLoaded", { count: rows.length })} · {loaded.next ? t("moreAvailable") : t("allLoaded")}
        </Typography.Text>
        {loading && <Spin size="small" />}
        {loaded.next && (
          <Button onClick={() => void load(loaded.next)} disabled={loading}>
            {t("loadMore")}
          </Button>
        )}
      </div>
    </div>
  );
}
