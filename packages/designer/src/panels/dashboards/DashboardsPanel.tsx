import { DeleteOutlined } from "@ant-design/icons";
import { type DashboardPage, labelText } from "@plinth/runtime";
import { Button, Card, Empty, Flex, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { LabelInputs, TextSetting, uniqueId, useLocale } from "../workflows/fields.js";
import { addDashboard, addWidget, pagePath, removeDashboard, widgetPath } from "./commands.js";
import { parseDashboardSelection } from "./selection.js";
import { WidgetGrid } from "./WidgetGrid.js";
import { WidgetInspector } from "./WidgetInspector.js";
import "./dashboards.css";

/**
 * The dashboard designer: the app's dashboard pages, the widgets of the open one on a grid, and the
 * selected widget's inspector (chart type and a query builder). The selection pointer says which
 * page and widget are open, so an issue's "Show" lands on the widget.
 */
export function DashboardsPanel() {
  const { t } = useTranslation();
  const pages = useDesigner((s) => s.doc.pages) ?? [];
  const selection = useDesigner((s) => s.selection);
  const dashboards = pages.flatMap((page, p) => (page.kind === "dashboard" ? [{ page, p }] : []));
  const parsed = parseDashboardSelection(selection);
  const open = dashboards.find((d) => d.p === parsed?.p) ?? dashboards[0];
  const widget = open && parsed?.p === open.p ? parsed.widget : undefined;
  return (
    <div className="dash-panel">
      <Typography.Title level={3}>{t("panel_dashboards")}</Typography.Title>
      <Flex gap={16} align="flex-start">
        <Flex vertical gap={12} style={{ flex: "0 0 220px" }}>
          <DashboardList dashboards={dashboards} current={open?.p} />
          <AddDashboard taken={pages.map((x) => x.id)} count={pages.length} />
        </Flex>
        <div style={{ flex: 1, minWidth: 0 }}>
          {open ? (
            <DashboardEditor key={open.p} p={open.p} page={open.page} widget={widget} />
          ) : (
            <Empty description={t("dash_none")} />
          )}
        </div>
      </Flex>
    </div>
  );
}

interface Listed {
  readonly page: DashboardPage;
  readonly p: number;
}

function DashboardList({ dashboards, current }: { dashboards: readonly Listed[]; current: number | undefined }) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const locale = useLocale();
  return (
    <nav aria-label={t("dash_list")}>
      <ul className="dash-list">
        {dashboards.map(({ page, p }) => (
          <li key={page.id}>
            <Button
              type={current === p ? "primary" : "text"}
              aria-current={current === p || undefined}
              onClick={() => select(pagePath(p))}
            >
              {labelText(page.label, locale, page.id)}
            </Button>
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t("dash_removeDashboard", { id: page.id })}
              onClick={() => {
                if (apply(removeDashboard(p, page.id))) select(undefined);
              }}
            />
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AddDashboard({ taken, count }: { taken: readonly string[]; count: number }) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const [id, setId] = useState("");
  const add = () => {
    if (apply(addDashboard(uniqueId(id.trim() || "dashboard", taken)))) {
      select(pagePath(count));
      setId("");
    }
  };
  return (
    <Space.Compact>
      <Input
        aria-label={t("dash_newId")}
        placeholder={t("dash_newId")}
        value={id}
        onChange={(e) => setId(e.target.value)}
        onPressEnter={add}
      />
      <Button onClick={add}>{t("dash_add")}</Button>
    </Space.Compact>
  );
}

interface EditorProps {
  readonly p: number;
  readonly page: DashboardPage;
  readonly widget: number | undefined;
}

function DashboardEditor({ p, page, widget }: EditorProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const entity = useDesigner((s) => s.doc.entities?.[0]?.id);
  const add = () => {
    const id = uniqueId(
      `widget_${page.widgets.length + 1}`,
      page.widgets.map((w) => w.id),
    );
    const made = addWidget(p, {
      id,
      type: "bar",
      query: { entity: entity ?? "", measures: [{ id: "count", aggregate: "count" }] },
    });
    if (apply(made)) select(widgetPath(p, page.widgets.length));
  };
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {page.id}
        </Typography.Title>
        <Button type="primary" onClick={add} disabled={!entity}>
          {t("dash_addWidget")}
        </Button>
      </Flex>
      {page.widgets.length === 0 ? (
        <Empty description={t("dash_noWidgets")} />
      ) : (
        <WidgetGrid p={p} widgets={page.widgets} current={widget} />
      )}
      {widget !== undefined && page.widgets[widget] ? (
        <WidgetInspector p={p} i={widget} widget={page.widgets[widget]} />
      ) : (
        <Card size="small" role="region" aria-label={t("dash_pageSettings")} title={t("dash_pageSettings")}>
          <Form layout="vertical">
            <TextSetting path={`${pagePath(p)}/id`} value={page.id} labelKey="wf_id" />
            <LabelInputs path={`${pagePath(p)}/label`} label={page.label} />
          </Form>
        </Card>
      )}
    </Flex>
  );
}
