import { ReloadOutlined } from "@ant-design/icons";
import type { App, DataSource, Query, Widget } from "@plinth/runtime";
import { labelText, thresholdColor } from "@plinth/runtime";
import { Alert, Button, Card, Empty, Spin, Table, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";
import { errorText } from "../../data/errors.js";
import { heatmapModel, heatmapOption } from "./heatmap.js";
import { categoryLabel, fieldAt, formatMeasure, measureFormat, measureLabel, total } from "./model.js";
import { DASHBOARD_NS } from "./strings.js";
import { WidgetBoundary } from "./WidgetBoundary.js";

/** ECharts and the chart component: a chunk of their own, fetched when the first chart shows. */
const EChart = lazy(() => import("./EChart.js"));

/** ECharts' default palette, set explicitly so the HTML legend's swatches match the series. */
export const PALETTE = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4"];

type Rows = Array<Record<string, unknown>>;
type State =
  | { readonly status: "loading" }
  | { readonly status: "error"; readonly error: unknown }
  | { readonly status: "ok"; readonly rows: Rows };

export interface WidgetProps {
  readonly app: App;
  readonly widget: Widget;
  /** The widget's query with the page's shared filters ANDed in. */
  readonly query: Query;
  readonly source: Pick<DataSource, "query">;
  /** A click on a group (bar, point, slice): drill down with that row. */
  readonly onDrill?: (row: Record<string, unknown>) => void;
  /** People's names and related records' titles by id, for groups by a user or relation field. */
  readonly titles?: ReadonlyMap<string, string>;
  /** Labels of the page filters the viewer chose that do not reach this widget's records. */
  readonly notNarrowedBy?: readonly string[];
}

/** One widget: its query runs on the server; loading and error states of its own. */
export function DashboardWidget({ app, widget, query, source, onDrill, titles, notNarrowedBy = [] }: WidgetProps) {
  const { locale } = usePlayer();
  const { t } = useTranslation(DASHBOARD_NS);
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(query);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `query`; `attempt` re-runs it (Retry)
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    source.query(query).then(
      (result) => live && setState({ status: "ok", rows: result.rows }),
      (error: unknown) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [source, key, attempt]);

  const title = labelText(widget.label, locale, widget.id);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  let body: React.ReactNode;
  if (state.status === "loading") body = <Spin className="plinth-dash-spin" />;
  else if (state.status === "error")
    body = (
      <Alert
        type="error"
        showIcon
        title={t("widgetError")}
        description={errorText(state.error, locale)}
        action={
          <Button size="small" icon={<ReloadOutlined />} onClick={retry}>
            {t("retry", { ns: "translation" })}
          </Button>
        }
      />
    );
  else
    body = (
      <WidgetBoundary message={t("widgetDrawError")}>
        <WidgetBody app={app} widget={widget} rows={state.rows} onDrill={onDrill} titles={titles} />
      </WidgetBoundary>
    );

  return (
    <Card
      size="small"
      title={title}
      extra={
        notNarrowedBy.length > 0 && (
          <span
            className="plinth-dash-unfiltered"
            data-testid={`unfiltered-${widget.id}`}
            title={t("notNarrowedWhy", { filters: notNarrowedBy.join(", ") })}
          >
            {t("notNarrowed", { filters: notNarrowedBy.join(", ") })}
          </span>
        )
      }
      className="plinth-dash-card"
      data-testid={`widget-${widget.id}`}
      data-state={state.status}
      aria-busy={state.status === "loading"}
    >
      {body}
    </Card>
  );
}

/** What a widget's body draws from: its definition, its query's rows, drill-down and names. */
interface BodyProps {
  readonly app: App;
  readonly widget: Widget;
  readonly rows: Rows;
  readonly onDrill: ((row: Record<string, unknown>) => void) | undefined;
  readonly titles: ReadonlyMap<string, string> | undefined;
}

function WidgetBody({ app, widget, rows, onDrill, titles }: BodyProps) {
  const { locale } = usePlayer();
  const { t } = useTranslation(DASHBOARD_NS);
  const currency = app.settings?.currency;
  const query = widget.query;
  const measures = query.measures ?? [];
  const group = query.groupBy?.[0];
  const groupField = group ? fieldAt(app, query.entity, group.field) : undefined;
  const label = (id: string) => measureLabel(app, query, id, locale, t("count"));
  const fmt = (id: string, v: unknown) => formatMeasure(v, measureFormat(app, widget, id), locale, currency);
  // A value the widget's thresholds colour carries a dot and a word (for screen readers) as well.
  const banded = (id: string, row: Record<string, unknown> | undefined) => {
    const text = fmt(id, row?.[id]);
    const color = row ? thresholdColor(widget, id, row) : undefined;
    if (!color) return text;
    return (
      <span className={`plinth-dash-band plinth-dash-band-${color}`} data-band={color} title={t(`band_${color}`)}>
        <span className="plinth-dash-band-dot" aria-hidden="true" />
        {text}
        <span className="plinth-dash-band-word">{t(`band_${color}`)}</span>
      </span>
    );
  };
  // A grouping may name its blank group (blankLabel); otherwise "(blank)".
  const blank = (g: { blankLabel?: Parameters<typeof labelText>[0] }) =>
    g.blankLabel ? labelText(g.blankLabel, locale, t("blank")) : t("blank");
  const category = (row: Record<string, unknown>) =>
    group
      ? categoryLabel(groupField, row[group.field], locale, blank(group), titles)
      : labelText(widget.label, locale, widget.id);

  // biome-ignore lint/correctness/useExhaustiveDependencies: label/category depend on locale and the widget only
  const option = useMemo(
    () =>
      chartOption(
        widget,
        rows,
        measures.map((m) => ({ id: m.id, name: label(m.id) })),
        category,
      ),
    [widget, rows, locale],
  );

  if (widget.type === "kpi" || (!group && widget.type !== "table")) {
    const first = measures[0];
    return (
      <div className="plinth-dash-kpi">
        <div className="plinth-dash-kpi-value" data-testid="kpi-value">
          {first ? banded(first.id, rows[0]) : "—"}
        </div>
        {first && <Typography.Text type="secondary">{label(first.id)}</Typography.Text>}
      </div>
    );
  }

  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noData")} />;

  if (widget.type === "heatmap")
    return <HeatmapBody app={app} widget={widget} rows={rows} onDrill={onDrill} titles={titles} />;

  if (widget.type === "table") {
    const groups = query.groupBy ?? [];
    const columns = [
      ...groups.map((g) => ({
        key: g.field,
        title: labelText(fieldAt(app, query.entity, g.field)?.label, locale, g.field),
        render: (_: unknown, row: Record<string, unknown>) =>
          categoryLabel(fieldAt(app, query.entity, g.field), row[g.field], locale, blank(g), titles),
      })),
      ...measures.map((m) => ({
        key: m.id,
        title: label(m.id),
        align: "right" as const,
        render: (_: unknown, row: Record<string, unknown>) => banded(m.id, row),
      })),
    ];
    return (
      <Table
        size="small"
        columns={columns}
        dataSource={rows.map((row, i) => ({ ...row, key: String(i) }))}
        pagination={rows.length > 10 ? { pageSize: 10, size: "small" } : false}
        scroll={{ x: true }}
      />
    );
  }

  const sliceLike = widget.type === "pie" || widget.type === "funnel";
  const drillable = onDrill !== undefined && group !== undefined;
  return (
    <div className="plinth-dash-chartbox">
      <div className="plinth-dash-chartarea">
        <Suspense fallback={<Spin className="plinth-dash-spin" />}>
          <EChart
            option={option}
            label={labelText(widget.label, locale, widget.id)}
            {...(drillable
              ? {
                  onItemClick: (index: number) => {
                    const row = rows[index];
                    if (row) onDrill(row);
                  },
                }
              : {})}
          />
        </Suspense>
      </div>
      <ul className="plinth-dash-legend" data-testid="legend">
        {sliceLike && measures[0]
          ? [
              ...rows.slice(0, 8).map((row, i) => (
                <li key={String(i)}>
                  <span className="plinth-dash-swatch" style={{ background: PALETTE[i % PALETTE.length] }} />
                  {category(row)}: {fmt(measures[0]?.id ?? "", row[measures[0]?.id ?? ""])}
                </li>
              )),
              <li key="total" data-testid={`total-${measures[0].id}`} data-value={total(rows, measures[0].id)}>
                {t("total")} {label(measures[0].id)}: {fmt(measures[0].id, total(rows, measures[0].id))}
              </li>,
            ]
          : measures.map((m, i) => (
              <li key={m.id} data-testid={`total-${m.id}`} data-value={total(rows, m.id)}>
                <span className="plinth-dash-swatch" style={{ background: PALETTE[i % PALETTE.length] }} />
                {label(m.id)} · {t("total")} {fmt(m.id, total(rows, m.id))}
              </li>
            ))}
      </ul>
    </div>
  );
}

/**
 * A heat-map: the first grouping's values down, the second's across, the measure as the cell's
 * colour. Cells the thresholds flag (amber, red) are outlined and listed below the chart, each
 * with its band's dot and word, so the flags read without the canvas (keyboard, screen readers).
 */
function HeatmapBody({ app, widget, rows, onDrill, titles }: BodyProps) {
  const { locale } = usePlayer();
  const { t } = useTranslation(DASHBOARD_NS);
  const query = widget.query;
  const measure = query.measures?.[0]?.id ?? "count";
  const groups = query.groupBy ?? [];
  const name = measureLabel(app, query, measure, locale, t("count"));
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels depend on the locale and the widget only
  const model = useMemo(
    () =>
      heatmapModel(widget, rows, (row, i) => {
        const g = groups[i];
        if (!g) return "";
        const blank = g.blankLabel ? labelText(g.blankLabel, locale, t("blank")) : t("blank");
        return categoryLabel(fieldAt(app, query.entity, g.field), row[g.field], locale, blank, titles);
      }),
    [widget, rows, locale, titles],
  );
  const flagged = model.cells.filter((c) => c.flag !== undefined);
  const fmt = (v: unknown) => formatMeasure(v, measureFormat(app, widget, measure), locale, app.settings?.currency);
  const axis = (i: number) => labelText(fieldAt(app, query.entity, groups[i]?.field ?? "")?.label, locale, "");
  const description = t("heatmapLabel", {
    title: labelText(widget.label, locale, widget.id),
    rows: axis(0),
    columns: axis(1),
    measure: name,
    flagged: flagged.length,
  });
  const option = useMemo(() => heatmapOption(model, name, description), [model, name, description]);
  return (
    <div className="plinth-dash-chartbox">
      <div className="plinth-dash-chartarea">
        <Suspense fallback={<Spin className="plinth-dash-spin" />}>
          <EChart
            option={option}
            label={description}
            {...(onDrill
              ? {
                  onItemClick: (index: number) => {
                    const row = rows[index];
                    if (row) onDrill(row);
                  },
                }
              : {})}
          />
        </Suspense>
      </div>
      <ul className="plinth-dash-legend" data-testid="legend" aria-label={t("heatmapFlagged")}>
        {flagged.length === 0 ? (
          <li data-testid="heatmap-none">{t("heatmapNoneFlagged")}</li>
        ) : (
          flagged.map((c) => (
            <li key={c.index} data-testid="heatmap-flag" data-band={c.flag}>
              <span className={`plinth-dash-band plinth-dash-band-${c.flag}`} title={t(`band_${c.flag}`)}>
                <span className="plinth-dash-band-dot" aria-hidden="true" />
                {c.row} · {c.column}: {fmt(c.value)}
                <span className="plinth-dash-band-word">{t(`band_${c.flag}`)}</span>
              </span>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}

/** The ECharts option for a chart widget: categories from the first grouping, a series per measure. */
export function chartOption(
  widget: Widget,
  rows: Rows,
  measures: readonly { id: string; name: string }[],
  category: (row: Record<string, unknown>) => string,
): EChartsCoreOption {
  const categories = rows.map(category);
  const value = (row: Record<string, unknown>, id: string) => (typeof row[id] === "number" ? row[id] : 0);
  const base = { color: PALETTE, aria: { enabled: true }, tooltip: { trigger: "item" }, animationDuration: 300 };
  const first = measures[0];
  if ((widget.type === "pie" || widget.type === "funnel") && first) {
    return {
      ...base,
      series: [
        {
          type: widget.type,
          name: first.name,
          ...(widget.type === "pie" ? { radius: ["35%", "70%"] } : { left: "10%", width: "80%", sort: "descending" }),
          data: rows.map((row) => ({ name: category(row), value: value(row, first.id) })),
          label: { show: true, formatter: "{b}" },
        },
      ],
    };
  }
  if (widget.type === "scatter" && measures.length >= 2 && first && measures[1]) {
    const second = measures[1];
    return {
      ...base,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: first.name },
      yAxis: { type: "value", name: second.name },
      series: [
        {
          type: "scatter",
          data: rows.map((row) => ({ name: category(row), value: [value(row, first.id), value(row, second.id)] })),
        },
      ],
    };
  }
  // bar / line / area (and scatter over categories): the 2nd measure on its own axis when there are two
  const twoAxes = measures.length === 2;
  return {
    ...base,
    tooltip: { trigger: "axis" },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { hideOverlap: true } },
    yAxis: twoAxes ? [{ type: "value" }, { type: "value", splitLine: { show: false } }] : { type: "value" },
    series: measures.map((m, i) => ({
      type: widget.type === "area" ? "line" : widget.type,
      name: m.name,
      ...(twoAxes ? { yAxisIndex: i } : {}),
      ...(widget.type === "area" ? { areaStyle: {} } : {}),
      ...(widget.type === "line" || widget.type === "area" ? { smooth: true } : {}),
      data: rows.map((row) => value(row, m.id)),
    })),
  };
}
