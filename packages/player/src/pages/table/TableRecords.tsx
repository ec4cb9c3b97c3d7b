import { ReloadOutlined } from "@ant-design/icons";
import type { App, DataSource, Locale, Runtime, SourceUser } from "@plinth/runtime";
import { Alert, Button, Empty, Spin, Typography } from "antd";
import { memo, type RefObject, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { errorStatus, errorText } from "../../data/errors.js";
import type { RecordJson } from "../../data/records.js";
import type { SortKey } from "../../sort.js";
import type { TableAccess } from "./access.js";
import { type RecordsQuery, useRecords } from "./data/useRecords.js";
import type { EditorLookup } from "./grid/CellEditor.js";
import { type GridColumn, TableGrid } from "./grid/TableGrid.js";
import { useInlineEdit } from "./grid/useInlineEdit.js";

export interface TableRecordsProps {
  readonly app: App;
  readonly data: DataSource;
  /** Memoised by the page: a new object starts from the first page again. */
  readonly query: RecordsQuery;
  readonly columns: readonly GridColumn[];
  readonly sort: readonly SortKey[];
  readonly onSort: (field: string) => void;
  readonly onOpen: (id: string) => void;
  readonly titleOf: (record: RecordJson) => string;
  readonly access: TableAccess;
  readonly user: SourceUser | undefined;
  readonly runtime: Runtime;
  readonly locale: Locale;
  readonly lookup: EditorLookup;
  /** The page shows a 400 under its filter box; other errors show here. */
  readonly filtered: boolean;
  /** Tells the page about the records' error (the server's verdict on a filter comes as a 400). */
  readonly onError: (error: unknown) => void;
  /** Filled with the related records' titles that come with each page (the columns read it). */
  readonly titles: Map<string, string>;
  /** Where the page finds "load from the first page again" (after a CSV import). */
  readonly reloadRef: RefObject<() => void>;
}

/**
 * The rows of a table page: the records, paged as the user scrolls, the grid, inline editing and
 * the count. They own the records' state, so a page of rows arriving re-renders the grid and
 * the count only, not the toolbar, the filter builder, the views and the CSV tools above them
 * (with 500 rows a page while scrolling fast, that was a long frame per page).
 */
export const TableRecords = memo(function TableRecords(props: TableRecordsProps) {
  const { t } = useTranslation();
  const { data, query, locale, onError, reloadRef, filtered } = props;
  const records = useRecords(data, query, props.titles);
  const { reload, loadMore, error } = records;
  useEffect(() => {
    reloadRef.current = reload;
  }, [reload, reloadRef]);
  useEffect(() => onError(error), [error, onError]);
  const edit = useInlineEdit({
    app: props.app,
    entity: query.entity,
    source: data,
    runtime: props.runtime,
    user: props.user,
    locale,
    replace: records.replace,
    conflictText: t("cellConflict"),
  });
  const filterError = filtered && errorStatus(error) === 400;
  const count = records.records.length;
  return (
    <>
      {error !== undefined && !filterError && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title={errorText(error, locale)}
          action={
            <Button icon={<ReloadOutlined aria-hidden />} onClick={reload}>
              {t("retry")}
            </Button>
          }
        />
      )}
      <TableGrid
        columns={props.columns}
        records={records.records}
        sort={props.sort}
        onSort={props.onSort}
        onOpen={props.onOpen}
        titleOf={props.titleOf}
        canEditRecord={props.access.canEditRecord}
        edit={edit}
        locale={locale}
        lookup={props.lookup}
        hasMore={records.next !== undefined && !records.loading && error === undefined}
        onNearEnd={loadMore}
        empty={!records.loading && error === undefined ? <Empty description={t("noRecords")} /> : undefined}
      />
      <div className="plinth-table-foot">
        <Typography.Text type="secondary" data-testid="row-count" aria-live="polite">
          {records.total !== undefined ? t("rowsOf", { count, total: records.total }) : t("rowsLoaded", { count })} ·{" "}
          {records.next ? t("moreAvailable") : t("allLoaded")}
        </Typography.Text>
        {records.loading && <Spin size="small" />}
        {records.next && (
          <Button onClick={loadMore} disabled={records.loading}>
            {t("loadMore")}
          </Button>
        )}
      </div>
    </>
  );
});
