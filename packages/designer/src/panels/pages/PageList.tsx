import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { type Label, labelText, type Page } from "@plinth/runtime";
import { Button, Form, Input, Select, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner, useDesignerContext } from "../../editor/context.js";
import { insertItem, removeItem } from "../../store/commands.js";
import { freePageId, missingFor, type NewPageKind, newPage, newPageKinds } from "./newPage.js";

/** The app's pages (dashboards live in their own panel): open one, add one, remove one. */
export function PageList({ open }: { readonly open: number | undefined }) {
  const { t } = useTranslation();
  const { store, locale } = useDesignerContext();
  const apply = useApply();
  // The list shows ids, labels and kinds: an edit inside a page does not re-render it.
  const summary = useDesigner((s) =>
    JSON.stringify((s.doc.pages ?? []).map((p) => ({ id: p.id, kind: p.kind, label: p.label ?? null }))),
  );
  const rows = useMemo(
    () =>
      (JSON.parse(summary) as Array<{ id: string; kind: Page["kind"]; label: Label | null }>)
        .map((page, index) => ({ page: { ...page, label: page.label ?? undefined }, index }))
        .filter(({ page }) => page.kind !== "dashboard"),
    [summary],
  );
  const remove = (index: number, id: string) => {
    if (apply(removeItem("/pages", index, { en: `Remove page ${id}`, "zh-CN": `删除页面 ${id}` })))
      store.getState().select(undefined);
  };
  return (
    <nav className="pages-list-nav" aria-label={t("pages_pages")}>
      <Typography.Title level={5}>{t("pages_pages")}</Typography.Title>
      <ul className="pages-page-list">
        {rows.map(({ page, index }) => {
          const name = labelText(page.label, locale, page.id);
          return (
            <li key={`${page.id}-${index}`} className={index === open ? "pages-page-open" : undefined}>
              <Button
                type={index === open ? "primary" : "text"}
                aria-current={index === open ? "page" : undefined}
                onClick={() => store.getState().select(`/pages/${index}`)}
              >
                {name}
              </Button>
              <Tag>{t(`pages_kind_${page.kind}`)}</Tag>
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t("pages_removePage", { name })}
                onClick={() => remove(index, page.id)}
              />
            </li>
          );
        })}
      </ul>
      <AddPage />
    </nav>
  );
}

function AddPage() {
  const { t } = useTranslation();
  const { store, locale } = useDesignerContext();
  const apply = useApply();
  const entities = useDesigner((s) => s.doc.entities) ?? [];
  const pageIds = useDesigner((s) => (s.doc.pages ?? []).map((p) => p.id).join("\n"));
  const [kind, setKind] = useState<NewPageKind>("form");
  const [entityId, setEntityId] = useState<string | undefined>(entities[0]?.id);
  const [id, setId] = useState("");
  const entity = entities.find((e) => e.id === entityId);
  const missing = entity && missingFor(entity, kind);
  const suggested = entity ? freePageId(new Set(pageIds.split("\n")), entity.id, kind) : "";
  const add = () => {
    if (!entity || missing) return;
    const pageId = id.trim() || suggested;
    const at = store.getState().doc.pages?.length ?? 0;
    const label = { en: `Add page ${pageId}`, "zh-CN": `添加页面 ${pageId}` };
    if (apply(insertItem("/pages", newPage(entity, kind, pageId), undefined, label))) {
      setId("");
      store.getState().select(`/pages/${at}`);
    }
  };
  return (
    <Form layout="vertical" className="pages-add" onFinish={add}>
      <Typography.Text strong>{t("pages_addPage")}</Typography.Text>
      <Form.Item label={t("pages_kind")}>
        <Select
          aria-label={t("pages_kind")}
          value={kind}
          options={newPageKinds.map((k) => ({ value: k, label: t(`pages_kind_${k}`) }))}
          onChange={setKind}
        />
      </Form.Item>
      <Form.Item
        label={t("pages_entity")}
        validateStatus={missing ? "warning" : undefined}
        help={missing ? t(`pages_missing_${missing}`) : undefined}
      >
        <Select
          aria-label={t("pages_entity")}
          value={entityId}
          options={entities.map((e) => ({ value: e.id, label: labelText(e.label, locale, e.id) }))}
          onChange={setEntityId}
        />
      </Form.Item>
      <Form.Item label={t("pages_pageId")}>
        <Input
          aria-label={t("pages_pageId")}
          placeholder={suggested}
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} disabled={!entity || !!missing}>
          {t("pages_addPageButton")}
        </Button>
      </Space>
    </Form>
  );
}
