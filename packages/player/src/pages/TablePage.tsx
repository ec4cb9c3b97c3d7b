import { ColumnWidthOutlined } from "@ant-design/icons";
import {
  type DataSource,
  getDefaultRuntime,
  labelText,
  type SourceUser,
  type TablePage as TablePageDef,
} from "@plinth/runtime";
import { Alert, Button, Typography } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../context.js";
import { errorStatus, errorText } from "../data/errors.js";
import { createRecordSource, type RecordJson, type RecordSource } from "../data/records.js";
import { combineFilters, nextSort, type SortKey, sortable, sortParam } from "../sort.js";
import { NewRecordButton, useOpenRecord } from "./form/tableHooks.js"; // form/detail pages
import type { PageProps } from "./PageView.js";
import { NO_ACCESS, tableAccess } from "./table/access.js";
import { ColumnChooser } from "./table/columns/ColumnChooser.js";
import { columnOptions, pageColumns, shownColumns } from "./table/columns/columns.js";
import { CsvExport, CsvImport } from "./table/csv/CsvTools.js";
import { FilterPanel } from "./table/filter/FilterPanel.js";
import { filterFields } from "./table/filter/filterFields.js";
import { gridColumns } from "./table/grid/gridColumns.js";
import { builderLookup, editorLookup, titleFieldOf } from "./table/lookups.js";
import { TableRecords } from "./table/TableRecords.js";
import { ViewPicker } from "./table/views/ViewPicker.js";
import { createViewsApi, type SavedView, sameContent, type ViewContent } from "./table/views/viewsApi.js";
import { useRelationTitles } from "./useRelationTitles.js";
import "./table/table.css";

export { VIRTUALIZE_FROM } from "./table/grid/TableGrid.js";

/** Rows per request unless the page sets `pageSize` (the API allows up to 500). */
const DEFAULT_PAGE_SIZE = 50;

function defaultSort(page: TablePageDef): SortKey[] {
  return (page.sort ?? [])
    .filter((s) => sortable(s.by))
    .map((s) => ({ field: s.by, direction: s.direction === "desc" ? "desc" : "asc" }));
}

const runtime = getDefaultRuntime();

/** The shell hands pages a list-only view of the app's data source; the table also writes and counts. */
function isDataSource(source: RecordSource): source is DataSource {
  const s = source as Partial<DataSource>;
  return typeof s.update === "function" && typeof s.query === "function" && typeof s.me === "function";
}

/** The signed-in user with their roles in the app (undefined while loading or when it failed). */
function useSourceUser(source: DataSource): SourceUser | undefined {
  const [user, setUser] = useState<SourceUser>();
  useEffect(() => {
    let live = true;
    source.me().then(
      (me) => live && setUser(me),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [source]);
  return user;
}

/**
 * A table page: a filter builder that writes the formula language and a formula box the server
 * checks, sort by header, column choice, saved views per user (on the server), cursor pages
 * loaded as the user scrolls (virtual rows), inline editing where the user's permissions allow,
 * and CSV export and import with progress.
 */
export function TablePage({ app, page, source }: PageProps<TablePageDef>) {
  const { locale, http } = usePlayer();
  const { t } = useTranslation();
  const entity = (app.entities ?? []).find((e) => e.id === page.entity);
  const pageSize = Math.min(page.pageSize ?? DEFAULT_PAGE_SIZE, 500);
  const data = useMemo(
    () => (isDataSource(source) ? source : createRecordSource(http, app.id)),
    [source, http, app.id],
  );
  const user = useSourceUser(data);
  const access = useMemo(() => (user && entity ? tableAccess(app, entity, user) : NO_ACCESS), [app, entity, user]);

  // What the table shows: the applied filter, the user's sort (empty: the page's), the columns.
  // Dashboard drill-down: start with the formula in `?filter=` (the dashboard links here with it).
  const [urlFilter] = useState(() => new URLSearchParams(window.location.search).get("filter")?.trim() ?? "");
  const [filterText, setFilterText] = useState(urlFilter);
  const [appliedFilter, setAppliedFilter] = useState(urlFilter);
  const [userSort, setUserSort] = useState<SortKey[]>([]);
  const [chosenColumns, setChosenColumns] = useState<string[]>(() => pageColumns(page));
  const [choosing, setChoosing] = useState(false);

  const options = useMemo(() => columnOptions(page, entity, access.hidden), [page, entity, access.hidden]);
  const columnIds = useMemo(() => shownColumns(chosenColumns, options), [chosenColumns, options]);
  const sort = useMemo(() => {
    const keys = userSort.length > 0 ? userSort : defaultSort(page);
    return keys.filter((k) => !access.hidden.has(k.field));
  }, [userSort, page, access.hidden]);
  const filter = combineFilters(page.filter, appliedFilter);
  // Only what the rows show and need: the columns, the title (the open button's name) and what
  // the update row scope reads. A table of 100,000 records then holds a fraction of each record;
  // inline editing reads the whole record when a cell opens.
  const titleField = titleFieldOf(app, page.entity);
  const fetchFields = useMemo(
    () => [
      ...new Set([
        ...columnIds.map((c) => c.split(".")[0] as string),
        ...(titleField ? [titleField] : []),
        ...access.recordFields,
      ]),
    ],
    [columnIds, titleField, access.recordFields],
  );
  const query = useMemo(
    () => ({ entity: page.entity, filter, sort, pageSize, fields: fetchFields }),
    [page.entity, filter, sort, pageSize, fetchFields],
  );
  // The rows own the records (TableRecords): the page hears of their error and their reload only.
  const [recordsError, setRecordsError] = useState<unknown>();
  const reloadRef = useRef<() => void>(() => undefined);
  const reload = useCallback(() => reloadRef.current(), []);

  // Saved views (the server keeps them per user and page).
  const viewsApi = useMemo(() => createViewsApi(http, app.id), [http, app.id]);
  const [views, setViews] = useState<SavedView[]>([]);
  const [viewId, setViewId] = useState<string>();
  useEffect(() => {
    let live = true;
    viewsApi.list(page.id).then(
      (found) => live && setViews(found),
      () => undefined, // no views: the picker offers the page default and saving
    );
    return () => {
      live = false;
    };
  }, [viewsApi, page.id]);
  const content: ViewContent = { filter: appliedFilter, sort: userSort, columns: columnIds };
  const current = views.find((v) => v.id === viewId);
  const baseline: ViewContent = current
    ? { ...current, columns: shownColumns(current.columns.length > 0 ? current.columns : pageColumns(page), options) }
    : { filter: urlFilter, sort: [], columns: shownColumns(pageColumns(page), options) };
  const dirty = !sameContent(content, baseline);

  const showView = (view: SavedView | undefined) => {
    setViewId(view?.id);
    setFilterText(view?.filter ?? "");
    setAppliedFilter(view?.filter ?? "");
    setUserSort(view ? [...view.sort] : []);
    setChosenColumns(view && view.columns.length > 0 ? [...view.columns] : pageColumns(page));
  };
  const saveView = async (name: string) => {
    const existing = views.find((v) => v.name === name);
    const saved = existing
      ? await viewsApi.replace(existing.id, name, content)
      : await viewsApi.create(page.id, name, content);
    setViews((old) => [...old.filter((v) => v.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)));
    setViewId(saved.id);
  };
  const updateView = async () => {
    if (!current) return;
    const saved = await viewsApi.replace(current.id, current.name, content);
    setViews((old) => old.map((v) => (v.id === saved.id ? saved : v)));
  };
  const deleteView = async (id: string) => {
    await viewsApi.remove(id);
    setViews((old) => old.filter((v) => v.id !== id));
    if (viewId === id) setViewId(undefined);
  };

  // Columns as the grid draws them, built once per column set.
  const titles = useRelationTitles(app, entity, columnIds, data);
  // Titles that come with each page of rows (any number of related records), then the hook's
  // (people's names, and the related records it loaded itself).
  const pageTitles = useMemo(() => new Map<string, string>(), []);
  const names = useMemo(() => ({ get: (id: string) => pageTitles.get(id) ?? titles.get(id) }), [pageTitles, titles]);
  const currency = app.settings?.currency;
  const columns = useMemo(
    () =>
      gridColumns({
        ids: columnIds,
        entity,
        pageLabels: new Map(page.columns.map((c) => [c.field, c.label])),
        locale,
        titles: names,
        currency,
        access,
      }),
    [columnIds, entity, page.columns, locale, names, currency, access],
  );

  const fields = useMemo(() => filterFields(app, page.entity, access.hidden), [app, page.entity, access.hidden]);
  const relationLookup = useMemo(() => builderLookup(app, data), [app, data]);
  const cellLookup = useMemo(() => editorLookup(app, data, user), [app, data, user]);
  const titleOf = useCallback(
    (record: RecordJson) => String((titleField ? record[titleField] : undefined) ?? record.id),
    [titleField],
  );
  const openRecord = useOpenRecord(app.id, page.entity); // form/detail pages: a row opens the record
  const onSort = useCallback((field: string) => setUserSort(nextSort(sort, field)), [sort]);

  // A 400 while filtering is the server's verdict on the formula: shown under the filter box.
  const filterError = errorStatus(recordsError) === 400 && filter !== undefined ? recordsError : undefined;

  return (
    <div className="plinth-table-page">
      <Typography.Title level={3} className="plinth-page-title">
        {labelText(page.label, locale, page.id)}
      </Typography.Title>
      <div className="plinth-table-toolbar">
        {access.can("create") && <NewRecordButton appId={app.id} entity={page.entity} />} {/* form/detail pages */}
        <ViewPicker
          views={views}
          currentId={viewId}
          dirty={dirty}
          onSelect={(id) => showView(views.find((v) => v.id === id))}
          onSave={saveView}
          onUpdate={updateView}
          onDelete={deleteView}
          errorText={(e) => errorText(e, locale)}
        />
        <Button
          icon={<ColumnWidthOutlined aria-hidden />}
          aria-expanded={choosing}
          onClick={() => setChoosing((c) => !c)}
        >
          {t("columns")}
        </Button>
        {access.can("export") && (
          <CsvExport
            http={http}
            appId={app.id}
            entity={page.entity}
            filter={filter}
            sort={sortParam(sort)}
            locale={locale}
          />
        )}
        {access.can("import") && entity && (
          <CsvImport http={http} appId={app.id} entity={entity} locale={locale} onImported={reload} />
        )}
      </div>
      {choosing && (
        <ColumnChooser
          options={options}
          value={columnIds}
          onChange={setChosenColumns}
          defaults={pageColumns(page)}
          locale={locale}
        />
      )}
      <FilterPanel
        fields={fields}
        text={filterText}
        onTextChange={setFilterText}
        onApply={setAppliedFilter}
        onClear={() => {
          setFilterText("");
          setAppliedFilter("");
        }}
        error={filterError !== undefined ? errorText(filterError, locale) : undefined}
        locale={locale}
        lookup={relationLookup}
      />
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
      <TableRecords
        app={app}
        data={data}
        query={query}
        columns={columns}
        sort={sort}
        onSort={onSort}
        onOpen={openRecord}
        titleOf={titleOf}
        access={access}
        user={user}
        runtime={runtime}
        locale={locale}
        lookup={cellLookup}
        filtered={filter !== undefined}
        onError={setRecordsError}
        reloadRef={reloadRef}
        titles={pageTitles}
      />
    </div>
  );
}
