import type { DashboardPage as DashboardPageDef, DataSource, Query, Widget } from "@plinth/runtime";
import { dashboardFilterPath, labelText } from "@plinth/runtime";
import { Alert, Select, Space, Typography } from "antd";
import { type CSSProperties, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";
import { routePath } from "../../routes.js";
import type { PageProps } from "../PageView.js";
import { useRelationTitles } from "../useRelationTitles.js";
import {
  andAll,
  categoryLabel,
  drillPage,
  fieldAt,
  filteredQuery,
  groupFormula,
  namedFields,
  PERIODS,
  type Period,
  type SharedFilters,
} from "./model.js";
import { DASHBOARD_NS } from "./strings.js";
import { DashboardWidget } from "./Widget.js";
import "./dashboard.css";

type QuerySource = Pick<DataSource, "query">;

/** The player's source is typed as `list` only; the REST source it really is also runs queries. */
function querySource(source: unknown): QuerySource | undefined {
  return typeof (source as Partial<QuerySource> | null)?.query === "function" ? (source as QuerySource) : undefined;
}

/** Where a widget sits when it has no `layout`: KPIs a quarter, tables and heat-maps the full width, charts half. */
function defaultSpan(widget: Widget): { w: number; h: number } {
  if (widget.type === "kpi") return { w: 3, h: 2 };
  if (widget.type === "table") return { w: 12, h: 5 };
  // A heat-map's columns are often weeks of a year: it needs the width.
  if (widget.type === "heatmap") return { w: 12, h: 6 };
  return { w: 6, h: 5 };
}

function cellStyle(widget: Widget): CSSProperties {
  const { w, h } = widget.layout ?? defaultSpan(widget);
  const span = Math.min(w, 12);
  return {
    "--dash-col": widget.layout ? `${Math.min(widget.layout.x, 12 - span) + 1} / span ${span}` : `span ${span}`,
    "--dash-row": widget.layout ? `${widget.layout.y + 1} / span ${h}` : `span ${h}`,
    "--dash-h": String(h),
  } as CSSProperties;
}

/**
 * A dashboard page: its widgets on a 12-column grid (stacked on phones), each running its query on
 * the server; shared filters (a period and the page's `filters`) ANDed into every widget's filter;
 * a click on a bar or slice opens the entity's table page filtered to that group.
 */
export function DashboardPage({ app, page, source }: PageProps<DashboardPageDef>) {
  const { locale, navigate } = usePlayer();
  const { t } = useTranslation(DASHBOARD_NS);
  const [today] = useState(() => new Date());
  const [shared, setShared] = useState<SharedFilters>({ period: "all", values: {} });
  const queries = querySource(source);
  const filters = page.filters ?? [];

  const drill = useCallback(
    (query: Query, row: Record<string, unknown>) => {
      const target = drillPage(app, query.entity);
      const narrowed = groupFormula(app, query, row);
      if (!target || !narrowed) return;
      const filter = andAll([query.filter, narrowed]);
      const route = { kind: "page", appId: app.id, pageId: target } as const;
      // The table page reads `?filter=`; pushing the URL first makes navigate() keep it (same path).
      window.history.pushState(null, "", `${routePath(route)}${filter ? `?filter=${encodeURIComponent(filter)}` : ""}`);
      navigate(route);
    },
    [app, navigate],
  );

  const named = useMemo(() => namedFields(app, page.widgets, filters), [app, page.widgets, filters]);
  const titles = useRelationTitles(app, named.entity, named.columns, source);

  const widgets = [...page.widgets].sort(
    (a, b) => (a.layout?.y ?? 0) - (b.layout?.y ?? 0) || (a.layout?.x ?? 0) - (b.layout?.x ?? 0),
  );

  return (
    <div className="plinth-dashboard">
      <Typography.Title level={3} className="plinth-page-title">
        {labelText(page.label, locale, page.id)}
      </Typography.Title>
      <Space wrap className="plinth-dash-filters" data-testid="dashboard-filters">
        <div className="plinth-dash-filter">
          <span>{t("period")}</span>
          <Select<Period>
            aria-label={t("period")}
            data-testid="period"
            value={shared.period}
            style={{ minWidth: 160 }}
            options={PERIODS.map((p) => ({ value: p, label: t(`period_${p}`) }))}
            onChange={(period) => setShared((s) => ({ ...s, period }))}
          />
        </div>
        {filters.map((f) => (
          <PageFilter
            key={f.id}
            app={app}
            filter={f}
            source={queries}
            value={shared.values[f.id]}
            titles={titles}
            onChange={(value) => setShared((s) => ({ ...s, values: { ...s.values, [f.id]: value } }))}
          />
        ))}
      </Space>
      {!queries ? (
        <Alert type="error" showIcon title={t("noQuery")} />
      ) : (
        <div className="plinth-dash-grid">
          {widgets.map((widget) => {
            const query = filteredQuery(app, widget.query, filters, shared, today);
            // Chosen filters that cannot reach this widget's records: said on the widget, so its
            // figures are not read as narrowed.
            const notNarrowed = filters
              .filter((f) => shared.values[f.id] !== undefined)
              .filter((f) => dashboardFilterPath(app, f, widget.query.entity) === undefined)
              .map((f) => labelText(f.label ?? fieldAt(app, f.entity, f.field)?.label, locale, f.id));
            return (
              <div key={widget.id} className="plinth-dash-cell" style={cellStyle(widget)}>
                <DashboardWidget
                  app={app}
                  widget={widget}
                  query={query}
                  source={queries}
                  onDrill={(row) => drill(query, row)}
                  titles={titles}
                  notNarrowedBy={notNarrowed}
                />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** A page filter: the select field's options, else the distinct values the server groups by. */
function PageFilter({
  app,
  filter,
  source,
  value,
  titles,
  onChange,
}: {
  app: PageProps["app"];
  filter: NonNullable<DashboardPageDef["filters"]>[number];
  source: QuerySource | undefined;
  value: string | undefined;
  titles: ReadonlyMap<string, string>;
  onChange: (value: string | undefined) => void;
}) {
  const { locale } = usePlayer();
  const { t } = useTranslation(DASHBOARD_NS);
  const field = fieldAt(app, filter.entity, filter.field);
  const [distinct, setDistinct] = useState<string[]>([]);
  const fromOptions = field?.options !== undefined;

  useEffect(() => {
    if (fromOptions || !source) return;
    let live = true;
    source
      .query({
        entity: filter.entity,
        groupBy: [{ field: filter.field }],
        measures: [{ id: "n", aggregate: "count" }],
        limit: 200,
      })
      .then(
        (r) =>
          live &&
          setDistinct(
            r.rows.map((row) => row[filter.field]).filter((v): v is string => typeof v === "string" && v !== ""),
          ),
        () => live && setDistinct([]),
      );
    return () => {
      live = false;
    };
  }, [fromOptions, source, filter.entity, filter.field]);

  const options = useMemo(
    () =>
      (fromOptions ? (field?.options ?? []).map((o) => o.value) : distinct).map((v) => ({
        value: v,
        label: categoryLabel(field, v, locale, t("blank"), titles),
      })),
    [fromOptions, field, distinct, locale, t, titles],
  );
  const label = labelText(filter.label ?? field?.label, locale, filter.id);
  return (
    <div className="plinth-dash-filter">
      <span>{label}</span>
      <Select<string>
        aria-label={label}
        data-testid={`filter-${filter.id}`}
        allowClear
        placeholder={t("filterAll")}
        value={value}
        style={{ minWidth: 160 }}
        options={options}
        onChange={(v) => onChange(v ?? undefined)}
      />
    </div>
  );
}
