import {
  type DataSource,
  type Field,
  isDataSourceError,
  type Locale,
  labelText,
  type SourceRecord,
  titleFieldOf,
} from "@plinth/runtime";
import { Card, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlinth } from "../PlinthProvider.js";
import type { RelatedListNodeProps, WidgetNodeProps } from "./nodes.types.js";

/** Rows a related list shows before "more" (the standard renderer has no paging). */
const RELATED_LIMIT = 20;

type Load<T> = { readonly status: "loading" } | { readonly status: "error"; readonly error: unknown } | T;

function hasList(source: unknown): source is Pick<DataSource, "list"> {
  return typeof (source as { list?: unknown } | null)?.list === "function";
}

function hasQuery(source: unknown): source is Pick<DataSource, "query"> {
  return typeof (source as { query?: unknown } | null)?.query === "function";
}

/** A value as plain text: option labels, numbers in the locale, lists joined. */
export function plainText(field: Field | undefined, value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return "";
  if (field && (field.kind === "select" || field.kind === "multiSelect")) {
    const values = Array.isArray(value) ? value : [value];
    return values
      .map((v) => {
        const option = field.options.find((o) => o.value === v);
        return option ? labelText(option.label, locale, option.value) : String(v);
      })
      .join(", ");
  }
  if (typeof value === "number") return new Intl.NumberFormat(locale).format(value);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? (v?.name ?? "") : String(v))).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function errorOf(error: unknown, locale: Locale): string {
  return isDataSourceError(error) ? error.messages[locale] : error instanceof Error ? error.message : String(error);
}

/**
 * The standard related list: the first rows of `node.entity` whose `node.via` is this record,
 * as a small table of `node.columns` (default: the title field), through the provider's data
 * source. On a record not yet saved it says to save first.
 */
export function StandardRelatedList({ app, node, recordId, locale }: RelatedListNodeProps) {
  const { dataSource } = usePlinth();
  const { t } = useTranslation();
  const [state, setState] = useState<Load<{ readonly status: "ok"; readonly rows: SourceRecord[] }>>({
    status: "loading",
  });
  const columns = node.columns ?? [];
  const key = columns.join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `columns`
  useEffect(() => {
    if (recordId === undefined || !hasList(dataSource)) return;
    let live = true;
    dataSource
      .list(node.entity, {
        filter: `${node.via} = '${recordId.replace(/'/g, "''")}'`,
        limit: RELATED_LIMIT,
        ...(columns.length > 0 ? { fields: columns } : {}),
      })
      .then(
        (page) => live && setState({ status: "ok", rows: page.records }),
        (error: unknown) => live && setState({ status: "error", error }),
      );
    return () => {
      live = false;
    };
  }, [dataSource, node.entity, node.via, recordId, key]);

  const title = labelText(node.label, locale, node.entity);
  let body: React.ReactNode;
  if (recordId === undefined) body = <Typography.Text type="secondary">{t("saveFirst")}</Typography.Text>;
  else if (!hasList(dataSource) || state.status === "loading") body = <Typography.Text>{t("loading")}</Typography.Text>;
  else if (state.status === "error")
    body = <Typography.Text type="danger">{t("loadFailed", { reason: errorOf(state.error, locale) })}</Typography.Text>;
  else if (state.rows.length === 0) body = <Typography.Text type="secondary">{t("noRelated")}</Typography.Text>;
  else {
    const target = app.entities?.find((e) => e.id === node.entity);
    const titleField = (target && titleFieldOf(target)) ?? "id";
    const shown = columns.length > 0 ? columns : [titleField];
    const fieldOf = (id: string) => target?.fields.find((f) => f.id === id) as Field | undefined;
    body = (
      <table className="plinth-related-table" style={{ width: "100%", borderCollapse: "collapse" }}>
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c} style={{ textAlign: "left" }}>
                {labelText(fieldOf(c)?.label, locale, c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {state.rows.map((row) => (
            <tr key={String(row.id)}>
              {shown.map((c) => (
                <td key={c}>{plainText(fieldOf(c), row[c], locale)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <Card size="small" title={title} style={{ gridColumn: "1 / -1", marginBottom: 16 }}>
      {body}
    </Card>
  );
}

/** The standard widget node: the widget's query through the data source, as a figure (kpi) or rows. */
export function StandardWidgetNode({ node, locale }: WidgetNodeProps) {
  const { dataSource } = usePlinth();
  const { t } = useTranslation();
  const [state, setState] = useState<Load<{ readonly status: "ok"; readonly rows: Record<string, unknown>[] }>>({
    status: "loading",
  });
  const key = JSON.stringify(node.widget.query);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the query
  useEffect(() => {
    if (!hasQuery(dataSource)) return;
    let live = true;
    dataSource.query(node.widget.query).then(
      (result) => live && setState({ status: "ok", rows: result.rows }),
      (error: unknown) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [dataSource, key]);

  const title = labelText(node.widget.label, locale, node.widget.id);
  let body: React.ReactNode;
  if (!hasQuery(dataSource) || state.status === "loading") body = <Typography.Text>{t("loading")}</Typography.Text>;
  else if (state.status === "error")
    body = <Typography.Text type="danger">{t("loadFailed", { reason: errorOf(state.error, locale) })}</Typography.Text>;
  else if (node.widget.type === "kpi") {
    const first = state.rows[0] ?? {};
    const measure = node.widget.query.measures?.[0]?.id;
    const figure = measure === undefined ? Object.values(first)[0] : first[measure];
    body = <Typography.Title level={3}>{plainText(undefined, figure ?? 0, locale)}</Typography.Title>;
  } else {
    const columns = Object.keys(state.rows[0] ?? {});
    body = (
      <table style={{ width: "100%", borderCollapse: "collapse" }}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} style={{ textAlign: "left" }}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {state.rows.map((row, i) => (
            // Query rows have no ids; their order is their identity here.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>{plainText(undefined, row[c], locale)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <Card size="small" title={title} style={{ gridColumn: "1 / -1", marginBottom: 16 }}>
      {body}
    </Card>
  );
}
