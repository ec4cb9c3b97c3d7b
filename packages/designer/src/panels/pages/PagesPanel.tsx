import { labelText } from "@plinth/runtime";
import { Empty, Form, Spin, Tabs, Typography } from "antd";
import { lazy, memo, Suspense, useCallback, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import { Canvas } from "./Canvas.js";
import type { DragData } from "./dropPlan.js";
import { LabelInputs } from "./LabelInputs.js";
import { LayoutDnd } from "./LayoutDnd.js";
import { ListPageInspector } from "./ListPageInspector.js";
import { entityOf, isLayoutPage, nodePointerOf, pageIndexOf } from "./layoutTree.js";
import { NodeInspector } from "./NodeInspector.js";
import { nodeTitle } from "./nodeTitle.js";
import { PageList } from "./PageList.js";
import { Palette } from "./Palette.js";
import { valueAtPointer } from "./pointerValue.js";
import "./pages.css";

const PagePreview = lazy(() => import("./PagePreview.js").then((m) => ({ default: m.PagePreview })));

/**
 * The page builder: the app's pages; for a form or detail page a palette dragged onto a canvas
 * of its layout, an inspector of the selected node and a live preview; for a table or kanban
 * page an inspector of its columns, sort and cards. The open page follows the selection.
 */
export function PagesPanel() {
  const { t } = useTranslation();
  const selection = useDesigner((s) => s.selection);
  const last = useRef<number | undefined>(undefined);
  const fromSelection = pageIndexOf(selection);
  if (fromSelection !== undefined) last.current = fromSelection;
  // The open page's kind only: an edit inside the page re-renders the parts that show it, not the panel.
  const kind = useDesigner((s) => (last.current === undefined ? undefined : s.doc.pages?.[last.current]?.kind));
  const open = kind !== undefined && kind !== "dashboard" ? last.current : undefined;
  return (
    <div className="pages-panel">
      <PageList open={open} />
      {open === undefined ? (
        <Empty className="pages-empty" description={t("pages_choosePage")} />
      ) : kind === "form" || kind === "detail" ? (
        <LayoutEditor pageIndex={open} selected={nodePointerOf(selection, open)} />
      ) : kind === "table" || kind === "kanban" ? (
        <div className="pages-main">
          <PageHeading pageIndex={open} />
          <PageLabel pageIndex={open} />
          <ListPageInspector pageIndex={open} />
        </div>
      ) : (
        <div className="pages-main">
          <PageHeading pageIndex={open} />
          <Typography.Paragraph type="secondary">{t("pages_nothingToLayOut")}</Typography.Paragraph>
        </div>
      )}
    </div>
  );
}

/** The page's own name, in both languages. */
function PageLabel({ pageIndex }: { pageIndex: number }) {
  const { t } = useTranslation();
  const label = useDesigner((s) => s.doc.pages?.[pageIndex]?.label);
  return (
    <Form layout="vertical" className="pages-page-label">
      <LabelInputs path={`/pages/${pageIndex}/label`} label={label} title={t("pages_pageLabel")} />
    </Form>
  );
}

function PageHeading({ pageIndex }: { pageIndex: number }) {
  const { t } = useTranslation();
  const { locale } = useDesignerContext();
  const page = useDesigner((s) => s.doc.pages?.[pageIndex]);
  if (!page) return null;
  return (
    <Typography.Title level={4}>
      {labelText(page.label, locale, page.id)} · {t(`pages_kind_${page.kind}`)}
    </Typography.Title>
  );
}

/**
 * Memoised on the page and the selected node: drag and drop (DndContext) re-renders every
 * draggable when it renders, so it must not on each edit of the document.
 */
const LayoutEditor = memo(function LayoutEditor({
  pageIndex,
  selected,
}: {
  pageIndex: number;
  selected: string | undefined;
}) {
  const { t } = useTranslation();
  const { store, locale } = useDesignerContext();
  const titleOf = useCallback(
    (data: DragData) => {
      if (data.from === "palette") return data.title[locale];
      const doc = store.getState().doc;
      const page = doc.pages?.[pageIndex];
      const node = valueAtPointer(doc, data.pointer);
      return node && isLayoutPage(page) ? nodeTitle(doc, entityOf(doc, page.entity), node, locale) : data.pointer;
    },
    [store, pageIndex, locale],
  );
  return (
    <LayoutDnd titleOf={titleOf}>
      <Palette pageIndex={pageIndex} />
      <div className="pages-main">
        <PageHeading pageIndex={pageIndex} />
        <Tabs
          destroyOnHidden
          items={[
            { key: "canvas", label: t("pages_canvas"), children: <Canvas pageIndex={pageIndex} /> },
            {
              key: "preview",
              label: t("pages_preview"),
              children: (
                <Suspense fallback={<Spin />}>
                  <PagePreview pageIndex={pageIndex} />
                </Suspense>
              ),
            },
          ]}
        />
      </div>
      <aside className="pages-side">
        {selected ? (
          <NodeInspector pageIndex={pageIndex} pointer={selected} />
        ) : (
          <>
            <PageLabel pageIndex={pageIndex} />
            <Typography.Paragraph type="secondary">{t("pages_selectNode")}</Typography.Paragraph>
          </>
        )}
      </aside>
    </LayoutDnd>
  );
});
