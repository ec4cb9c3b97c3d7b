import type { Widget } from "@plinth/runtime";
import { Card, Flex, Form, InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { setValue } from "../../store/commands.js";
import { LabelInputs, TextSetting } from "../workflows/fields.js";
import { resizeWidget, widgetPath } from "./commands.js";
import { sizeOf } from "./grid.js";
import { QueryBuilder } from "./QueryBuilder.js";
import { Thresholds } from "./Thresholds.js";

/** Every chart type the player draws (the schema's list, checked against its type). */
const types = [
  "kpi",
  "bar",
  "line",
  "area",
  "pie",
  "funnel",
  "table",
  "scatter",
  "heatmap",
] as const satisfies readonly Widget["type"][];
const widths = [3, 4, 6, 8, 12];
const formats = ["number", "currency", "percent"] as const satisfies readonly NonNullable<Widget["format"]>[];

interface Props {
  readonly p: number;
  readonly i: number;
  readonly widget: Widget;
}

/** One widget: its id and label, chart type, number format, its query and its thresholds. */
export function WidgetInspector({ p, i, widget }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const path = widgetPath(p, i);
  const size = sizeOf(widget);
  return (
    <Card
      size="small"
      role="region"
      aria-label={t("dash_widget")}
      title={
        <>
          {t("dash_widgetTitle", { id: widget.id })} <OverlayBadge path={path} />
        </>
      }
    >
      <Form layout="vertical">
        <TextSetting path={`${path}/id`} value={widget.id} labelKey="wf_id" />
        <LabelInputs path={`${path}/label`} label={widget.label} />
        <Form.Item label={t("dash_type")}>
          <Select
            aria-label={t("dash_type")}
            value={widget.type}
            options={types.map((x) => ({ value: x, label: t(`dash_type_${x}`) }))}
            onChange={(v: Widget["type"]) =>
              apply(
                setValue(`${path}/type`, v, {
                  en: `Show ${widget.id} as ${v}`,
                  "zh-CN": `将 ${widget.id} 显示为 ${t(`dash_type_${v}`, { lng: "zh-CN" })}`,
                }),
              )
            }
          />
        </Form.Item>
        <Form.Item label={t("dash_format")}>
          <Select
            allowClear
            aria-label={t("dash_format")}
            placeholder={t("dash_format_auto")}
            value={widget.format}
            options={formats.map((x) => ({ value: x, label: t(`dash_format_${x}`) }))}
            onChange={(v?: Widget["format"]) =>
              apply(setValue(`${path}/format`, v, { en: `Format of ${widget.id}`, "zh-CN": `${widget.id} 的格式` }))
            }
          />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item label={t("dash_width")}>
            <Select
              aria-label={t("dash_width")}
              style={{ width: 140 }}
              value={size.w}
              options={widths.map((w) => ({ value: w, label: t("dash_columns", { count: w }) }))}
              onChange={(w: number) => apply(resizeWidget(p, i, { ...size, w }, widget.id))}
            />
          </Form.Item>
          <Form.Item label={t("dash_height")}>
            <InputNumber
              aria-label={t("dash_height")}
              min={1}
              max={24}
              value={size.h}
              onChange={(h) => {
                if (h) apply(resizeWidget(p, i, { ...size, h }, widget.id));
              }}
            />
          </Form.Item>
        </Flex>
        <QueryBuilder path={`${path}/query`} query={widget.query} p={p} i={i} />
        <Thresholds p={p} i={i} widget={widget} />
      </Form>
    </Card>
  );
}
