import { PlusOutlined } from "@ant-design/icons";
import {
  type App,
  createAccessPolicy,
  type DataSource,
  type Entity,
  type LayoutNode,
  labelText,
  type SourceRecord,
  type SourceUser,
  titleFieldOf,
} from "@plinth/runtime";
import type { LayoutNodeRenderers, RelatedListNodeProps, WidgetNodeProps } from "@plinth/runtime/react";
import { Alert, Button, Card, Empty, Table, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";
import { errorText } from "../../data/errors.js";
import { type FieldView, formatValue, isNumeric } from "../../format.js";
import { isPlainClick } from "../../link.js";
import { routePath } from "../../routes.js";
import { DashboardWidget } from "../dashboard/Widget.js";
import { entityOf, runtime, useDataSource, useSourceUser } from "../form/shared.js";
import { useRelationTitles } from "../useRelationTitles.js";

/** Rows a related list shows; more are one click away on the entity's own table page. */
const RELATED_LIMIT = 20;

/** One related list: records of `entity` whose relation field `via` points at the record shown. */
export interface RelatedListSpec {
  readonly entity: string;
  readonly via: string;
  readonly label?: RelatedListNodeProps["node"]["label"];
  readonly columns?: readonly string[];
  readonly allowCreate?: boolean;
}

/** The field naming a related record (the core's rule), else its id. */
function titleOrId(entity: Entity | undefined): string {
  return (entity && titleFieldOf(entity)) ?? "id";
}

/** The columns a related list shows: the node's, else the title field and a few more, never the relation back. */
function columnsOf(spec: RelatedListSpec, entity: Entity | undefined): string[] {
  if (spec.columns && spec.columns.length > 0) return [...spec.columns];
  const title = titleOrId(entity);
  const rest = (entity?.fields ?? [])
    .filter((f) => f.id !== title && f.id !== spec.via && !f.hidden)
    .filter((f) => ["select", "currency", "number", "date", "user", "percent"].includes(f.kind))
    .slice(0, 4)
    .map((f) => f.id);
  return [title, ...rest];
}

function can(app: App, user: SourceUser | undefined, entity: string, action: "read" | "create"): boolean {
  if (!user) return false;
  if (user.isAdmin) return true;
  const policy = createAccessPolicy(app, { functions: runtime.functions });
  return policy.entityAccess({ ...user.attributes, id: user.id, roles: user.roles }, entity, action).allowed;
}

type Rows = { readonly status: "loading" } | { readonly status: "error"; readonly error: unknown } | Loaded;
interface Loaded {
  readonly status: "ok";
  readonly records: SourceRecord[];
  readonly more: boolean;
}

/**
 * A small table of the records related to one record, each linked to its detail page, and a
 * "New" button that opens the create form with the relation filled in. Used on detail pages
 * and for `relatedList` nodes in forms.
 */
export function RelatedListTable({
  app,
  spec,
  recordId,
  source,
  user,
}: {
  app: App;
  spec: RelatedListSpec;
  recordId: string | undefined;
  source: DataSource;
  user: SourceUser | undefined;
}) {
  const { locale, navigate } = usePlayer();
  const { t } = useTranslation();
  const entity = entityOf(app, spec.entity);
  const columns = useMemo(() => columnsOf(spec, entity), [spec, entity]);
  const titleField = titleOrId(entity);
  const [rows, setRows] = useState<Rows>({ status: "loading" });
  const titles = useRelationTitles(app, entity, columns, source, rows.status === "ok" ? rows.records : undefined);
  const key = columns.join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `columns`
  useEffect(() => {
    if (recordId === undefined) return;
    let live = true;
    setRows({ status: "loading" });
    source
      .list(spec.entity, {
        filter: `${spec.via} = '${recordId.replace(/'/g, "''")}'`,
        limit: RELATED_LIMIT,
        fields: columns,
      })
      .then(
        (page) => live && setRows({ status: "ok", records: page.records, more: page.next !== undefined }),
        (error: unknown) => live && setRows({ status: "error", error }),
      );
    return () => {
      live = false;
    };
  }, [source, spec.entity, spec.via, recordId, key]);

  const entityName = labelText(entity?.label, locale, spec.entity);
  const title = labelText(spec.label, locale, entityName);
  const creatable = recordId !== undefined && spec.allowCreate !== false && can(app, user, spec.entity, "create");
  const newRoute = {
    kind: "record" as const,
    appId: app.id,
    entity: spec.entity,
    mode: "new" as const,
    ...(recordId === undefined ? {} : { prefill: { [spec.via]: recordId } }),
  };
  const fieldOf = (id: string) => entity?.fields.find((f) => f.id === id) as FieldView | undefined;

  let body: React.ReactNode;
  if (recordId === undefined) body = <Typography.Text type="secondary">{t("relatedSaveFirst")}</Typography.Text>;
  else if (rows.status === "error") body = <Alert type="error" showIcon title={errorText(rows.error, locale)} />;
  else
    body = (
      <>
        <Table<SourceRecord>
          size="small"
          rowKey={(r) => String(r.id)}
          loading={rows.status === "loading"}
          pagination={false}
          dataSource={rows.status === "ok" ? rows.records : []}
          locale={{
            emptyText: (
              <Empty description={t("noRelated", { entity: entityName })} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ),
          }}
          columns={columns.map((c) => {
            const field = fieldOf(c);
            return {
              key: c,
              title: labelText(field?.label, locale, c),
              align: isNumeric(field) ? ("right" as const) : undefined,
              render: (_: unknown, record: SourceRecord) => {
                const text = formatValue(field, record[c], locale, titles, app.settings?.currency);
                if (c !== titleField) return text;
                const route = {
                  kind: "record" as const,
                  appId: app.id,
                  entity: spec.entity,
                  id: String(record.id),
                  mode: "view" as const,
                };
                return (
                  <a
                    href={routePath(route)}
                    onClick={(event) => {
                      if (!isPlainClick(event)) return;
                      event.preventDefault();
                      navigate(route);
                    }}
                  >
                    {text || String(record.id)}
                  </a>
                );
              },
            };
          })}
        />
        {rows.status === "ok" && rows.more ? (
          <Typography.Text type="secondary">{t("relatedMore", { count: RELATED_LIMIT })}</Typography.Text>
        ) : null}
      </>
    );

  return (
    <Card
      size="small"
      title={title}
      data-testid={`related-${spec.entity}-${spec.via}`}
      style={{ marginBottom: 16, gridColumn: "1 / -1" }}
      extra={
        creatable ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            href={routePath(newRoute)}
            onClick={(event) => {
              if (!isPlainClick(event)) return;
              event.preventDefault();
              navigate(newRoute);
            }}
          >
            {t("newRelatedOf", { entity: entityName })}
          </Button>
        ) : null
      }
    >
      {body}
    </Card>
  );
}

/** The related lists a layout declares, in order. */
function declaredLists(node: LayoutNode | undefined): RelatedListSpec[] {
  if (!node) return [];
  const out: RelatedListSpec[] = [];
  const walk = (n: LayoutNode) => {
    switch (n.kind) {
      case "relatedList":
        out.push(n);
        return;
      case "section":
      case "columns":
        n.children.forEach(walk);
        return;
      case "tabs":
        for (const tab of n.tabs) tab.children.forEach(walk);
        return;
      default:
        return;
    }
  };
  walk(node);
  return out;
}

/** Every one-to-many relation into `entity`: each relation field of any entity that targets it. */
export function inverseRelations(app: App, entity: string): RelatedListSpec[] {
  return (app.entities ?? []).flatMap((e) =>
    e.fields
      .filter((f) => f.kind === "relation" && f.target === entity)
      .map((f) => ({
        entity: e.id,
        via: f.id,
        ...(f.kind === "relation" && f.inverse?.label ? { label: f.inverse.label } : {}),
      })),
  );
}

/**
 * A detail page's related lists: those its layout declares, else one per relation pointing at
 * the entity (`account` → its opportunities). Lists of entities the user may not read are left out.
 */
export function RelatedLists({
  app,
  entity,
  recordId,
  layout,
  source,
  user,
}: {
  app: App;
  entity: string;
  recordId: string;
  layout: LayoutNode | undefined;
  source: DataSource;
  user: SourceUser | undefined;
}) {
  const declared = declaredLists(layout);
  const lists = (declared.length > 0 ? declared : inverseRelations(app, entity)).filter((l) =>
    can(app, user, l.entity, "read"),
  );
  if (lists.length === 0) return null;
  return lists.map((spec) => (
    <RelatedListTable
      key={`${spec.entity}/${spec.via}`}
      app={app}
      spec={spec}
      recordId={recordId}
      source={source}
      user={user}
    />
  ));
}

/** A form's `relatedList` node in the player: the same table, with links and "New". */
function FormRelatedList({ app, node, recordId }: RelatedListNodeProps) {
  const source = useDataSource(app.id);
  const { user } = useSourceUser(source);
  return <RelatedListTable app={app} spec={node} recordId={recordId} source={source} user={user} />;
}

/** A form's `widget` node in the player: the dashboard's widget (ECharts), on the same query. */
function FormWidget({ app, node }: WidgetNodeProps) {
  const source = useDataSource(app.id);
  return (
    <div style={{ gridColumn: "1 / -1", marginBottom: 16 }}>
      <DashboardWidget app={app} widget={node.widget} query={node.widget.query} source={source} />
    </div>
  );
}

/** The player's renderers of related-list and widget nodes, handed to PlinthProvider by forms. */
export const playerNodes: LayoutNodeRenderers = { relatedList: FormRelatedList, widget: FormWidget };
