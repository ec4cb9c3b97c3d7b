import type { App, Entity, Locale } from "@plinth/runtime";
import { labelText, systemFieldIds } from "@plinth/runtime";
import { Card, Collapse, Empty, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";
import type { AuditEntry } from "../../data/platform.js";
import { type FieldView, formatValue } from "../../format.js";

export interface AuditHistoryProps {
  readonly app: App;
  readonly entity: Entity;
  readonly recordId: string;
  /** Titles of related records by id, to show relations by name. */
  readonly titles?: ReadonlyMap<string, string>;
  /** Changes when the record is reloaded, so the history follows the record's own changes. */
  readonly version: unknown;
  readonly userName: (id: string) => string;
  readonly dateTime: (iso: string) => string;
}

/** "Amount: CN¥1.00 → CN¥2.00" lines for the fields an entry changed (a comment for decisions). */
function changes(
  entry: AuditEntry,
  entity: Entity,
  locale: Locale,
  titles: ReadonlyMap<string, string> | undefined,
  currency: string | undefined,
): string[] {
  const diff = (entry.diff ?? {}) as NonNullable<AuditEntry["diff"]> & { comment?: unknown };
  if (typeof diff.comment === "string") return [`“${diff.comment}”`];
  const before = diff.before ?? {};
  const after = diff.after ?? {};
  const blank = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  // A creation lists the values given, not every empty field.
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !systemFieldIds.has(k) && (k in before || !blank(after[k])),
  );
  return keys.map((key) => {
    const field = entity.fields.find((f) => f.id === key) as FieldView | undefined;
    const show = (v: unknown) => (blank(v) ? "—" : formatValue(field, v, locale, titles, currency));
    const label = labelText((field as { label?: Parameters<typeof labelText>[0] } | undefined)?.label, locale, key);
    if (!(key in before)) return `${label}: ${show(after[key])}`;
    if (!(key in after)) return `${label}: ${show(before[key])} → —`;
    return `${label}: ${show(before[key])} → ${show(after[key])}`;
  });
}

/**
 * The record's audit trail (who changed what, when), for the people allowed to read the app's
 * audit log: administrators and auditors. Everyone else never sees the card.
 */
export function AuditHistory({ app, entity, recordId, titles, version, userName, dateTime }: AuditHistoryProps) {
  const { platform, locale } = usePlayer();
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[] | undefined | "hidden">();
  const [error, setError] = useState<unknown>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` reloads the history after the record changed
  useEffect(() => {
    let live = true;
    platform.recordAudit(app.id, entity.id, recordId).then(
      (found) => live && setEntries(found ?? "hidden"),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [platform, app.id, entity.id, recordId, version]);

  if (entries === "hidden" || (entries === undefined && error === undefined)) return null;
  const currency = app.settings?.currency;
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="audit-history">
      <Collapse
        ghost
        items={[
          {
            key: "audit",
            label: <Typography.Text strong>{t("auditHistory", { count: entries?.length ?? 0 })}</Typography.Text>,
            children:
              error !== undefined ? (
                <Typography.Text type="danger">{t("auditUnavailable")}</Typography.Text>
              ) : (
                <Table<AuditEntry>
                  size="small"
                  rowKey="seq"
                  pagination={false}
                  dataSource={entries ?? []}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("auditEmpty")} /> }}
                  columns={[
                    { key: "at", title: t("historyAt"), render: (_, e) => dateTime(e.at) },
                    {
                      key: "user",
                      title: t("historyUser"),
                      render: (_, e) => (e.userId ? userName(e.userId) : t("auditSystem")),
                    },
                    {
                      key: "action",
                      title: t("auditAction"),
                      render: (_, e) => t(`audit_${e.action.replace(".", "_")}`, { defaultValue: e.action }),
                    },
                    {
                      key: "changes",
                      title: t("auditChanges"),
                      render: (_, e) => (
                        <ul className="plinth-audit-changes">
                          {changes(e, entity, locale, titles, currency).map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      ),
                    },
                  ]}
                />
              ),
          },
        ]}
      />
    </Card>
  );
}
