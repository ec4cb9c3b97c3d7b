import { ArrowLeftOutlined, ArrowRightOutlined, DeleteOutlined } from "@ant-design/icons";
import { type Locale, labelText, type Widget } from "@plinth/runtime";
import { Button, Card, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { useIssuesAt, useLocale } from "../workflows/fields.js";
import { moveWidget, removeWidget, widgetPath } from "./commands.js";
import { sizeOf } from "./grid.js";

/**
 * What the card says of the query: each measure by its label where it has one (as the player's
 * legend and columns name it), else its aggregate and field, or its id for a formula; each
 * grouping with its bucket and span.
 */
function summary(widget: Widget, t: TFunction, locale: Locale): string {
  const measures = (widget.query.measures ?? []).map((m) =>
    m.label !== undefined
      ? labelText(m.label, locale, m.id)
      : m.expression !== undefined
        ? m.id
        : `${t(`dash_agg_${m.aggregate}`)}(${m.field ?? ""})`,
  );
  const groups = (widget.query.groupBy ?? []).map((g) => {
    const dates = g.through ? `${g.field}→${g.through}` : g.field;
    return g.bucket ? `${dates}/${t(`dash_bucket_${g.bucket}`)}` : dates;
  });
  return [
    widget.query.entity,
    measures.join(", "),
    groups.length > 0 ? t("dash_by", { fields: groups.join(", ") }) : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

interface Props {
  readonly p: number;
  readonly widgets: readonly Widget[];
  readonly current: number | undefined;
}

/** The dashboard's widgets as cards on its 12-column grid, in order; select, reorder or remove each. */
export function WidgetGrid({ p, widgets, current }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="dash-grid" aria-label={t("dash_widgets")}>
      {widgets.map((widget, i) => (
        <WidgetCard
          key={widget.id}
          p={p}
          i={i}
          widget={widget}
          last={i === widgets.length - 1}
          current={current === i}
        />
      ))}
    </ul>
  );
}

interface CardProps {
  readonly p: number;
  readonly i: number;
  readonly widget: Widget;
  readonly last: boolean;
  readonly current: boolean;
}

function WidgetCard({ p, i, widget, last, current }: CardProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const select = useDesigner((s) => s.select);
  const locale = useLocale();
  const issues = useIssuesAt(widgetPath(p, i));
  const name = labelText(widget.label, locale, widget.id);
  const move = (by: -1 | 1) => {
    if (apply(moveWidget(p, i, by, widget.id))) select(widgetPath(p, i + by));
  };
  return (
    <li
      style={{ gridColumn: `span ${sizeOf(widget).w}` }}
      className={current ? "dash-card dash-card-current" : "dash-card"}
    >
      <Card
        size="small"
        title={
          <Button type="link" aria-current={current || undefined} onClick={() => select(widgetPath(p, i))}>
            {name}
            {issues.length > 0 ? " ⚠" : ""}
          </Button>
        }
        extra={<Tag>{t(`dash_type_${widget.type}`)}</Tag>}
        actions={[
          <Button
            key="earlier"
            type="text"
            icon={<ArrowLeftOutlined />}
            disabled={i === 0}
            aria-label={t("dash_moveEarlier", { id: widget.id })}
            onClick={() => move(-1)}
          />,
          <Button
            key="later"
            type="text"
            icon={<ArrowRightOutlined />}
            disabled={last}
            aria-label={t("dash_moveLater", { id: widget.id })}
            onClick={() => move(1)}
          />,
          <Button
            key="remove"
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t("dash_removeWidget", { id: widget.id })}
            onClick={() => {
              if (apply(removeWidget(p, i, widget.id))) select(`/pages/${p}`);
            }}
          />,
        ]}
      >
        <Typography.Text type="secondary">{summary(widget, t, locale)}</Typography.Text>
      </Card>
    </li>
  );
}
