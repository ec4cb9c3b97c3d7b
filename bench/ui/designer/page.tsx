/**
 * The designer canvas benchmark's page, built by Vite in production mode and run in headless
 * Chromium. It mounts one contender at a time over the designer's real store and times edits
 * made through `store.apply` (the path every drop and every inspector change takes) until React
 * committed them and until the next paint. The driver in Node (canvas.bench.ts) reads the
 * figures through `window.designerBench`.
 */
import { createRuntime, type LayoutNode, labelText, valueAt } from "@plinth/runtime";
import { type ReactElement, useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { createDesignerApi } from "../../../packages/designer/src/api/designerApi.js";
import { createHttp } from "../../../packages/designer/src/api/http.js";
import { DesignerContext, type DesignerContextValue } from "../../../packages/designer/src/editor/context.js";
import { createI18n } from "../../../packages/designer/src/i18n.js";
import { Canvas } from "../../../packages/designer/src/panels/pages/Canvas.js";
import { LayoutDnd } from "../../../packages/designer/src/panels/pages/LayoutDnd.js";
import { allChildLists, countNodes } from "../../../packages/designer/src/panels/pages/layoutTree.js";
import { PagesPanel } from "../../../packages/designer/src/panels/pages/PagesPanel.js";
import pagesCss from "../../../packages/designer/src/panels/pages/pages.css?inline";
import { type Command, moveItem, setLabel } from "../../../packages/designer/src/store/commands.js";
import { createDesignerStore, type DesignerStore } from "../../../packages/designer/src/store/designerStore.js";
import { BENCH_PAGE_INDEX, DESIGNER_NODE_COUNT, designerBenchApp, LABEL_NODE, MOVE_FROM, MOVE_TO } from "./fixture.js";
import type { DesignerBenchApi, DesignerContender, EditTiming } from "./protocol.js";

// The bench harness's HTML links no stylesheet: the panel's styles go in as a <style> element.
const style = document.createElement("style");
style.textContent = pagesCss;
document.head.append(style);
// The designer's i18next instance; `initReactI18next` makes it the one `useTranslation` reads.
createI18n("en");
const runtime = createRuntime();
const validated = runtime.validateApp(designerBenchApp());
if (!validated.ok) throw new Error(validated.issues.map((i) => `${i.path}: ${i.message.en}`).join("\n"));
const api = createDesignerApi(
  createHttp(
    () => "en",
    async () => {
      throw new TypeError("The benchmark has no server.");
    },
  ),
);
const layoutPointer = `/pages/${BENCH_PAGE_INDEX}/layout`;

function layoutOf(store: DesignerStore): LayoutNode {
  return valueAt(store.getState().doc, layoutPointer) as LayoutNode;
}

/** The baseline: the page's nodes as one flat list, all re-rendered on every change of the layout. */
function PlainList({ store }: { store: DesignerStore }) {
  const layout = useSyncExternalStore(store.subscribe, () => layoutOf(store));
  const rows = [
    { pointer: layoutPointer, node: layout },
    ...allChildLists(layout, layoutPointer).flatMap((list) =>
      list.nodes.map((node, i) => ({ pointer: `${list.path}/${i}`, node })),
    ),
  ];
  return (
    <ul>
      {rows.map(({ pointer, node }) => (
        <li key={pointer} data-pointer={pointer} className="plain-node">
          {node.kind}: {"label" in node ? labelText(node.label, "en", "") : ""}{" "}
          {node.kind === "field" ? node.field : ""}
        </li>
      ))}
    </ul>
  );
}

const contenders: Record<DesignerContender, { element: (store: DesignerStore) => ReactElement; drawn: string }> = {
  "plain list": { element: (store) => <PlainList store={store} />, drawn: ".plain-node" },
  canvas: {
    element: () => (
      <LayoutDnd titleOf={() => ""}>
        <Canvas pageIndex={BENCH_PAGE_INDEX} />
      </LayoutDnd>
    ),
    drawn: ".pages-node",
  },
  "pages panel": { element: () => <PagesPanel />, drawn: ".pages-canvas .pages-node" },
};

/** Resolves in a task after the next animation frame, i.e. once that frame has been painted. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

let mounted: { root: Root; container: HTMLElement; store: DesignerStore } | undefined;

function unmount() {
  mounted?.root.unmount();
  mounted?.container.remove();
  mounted = undefined;
}

function childCount(store: DesignerStore, path: string): number {
  return (valueAt(store.getState().doc, path) as unknown[]).length;
}

/** The `i`th edit of a kind: moves go to the end of the first tab and back; labels take a new text. */
function editOf(kind: "move" | "label", i: number, store: DesignerStore): { command: Command; check: () => boolean } {
  if (kind === "label") {
    const text = `Label ${i}`;
    return {
      command: setLabel(`${LABEL_NODE}/label`, "en", text),
      check: () => document.querySelector(`[data-pointer="${LABEL_NODE}"]`)?.textContent?.includes(text) === true,
    };
  }
  const inTab = childCount(store, MOVE_TO);
  if (i % 2 === 0)
    return {
      command: moveItem(MOVE_FROM, 0, MOVE_TO, inTab),
      check: () => document.querySelector(`[data-pointer="${MOVE_TO}/${inTab}"]`) !== null,
    };
  return {
    command: moveItem(MOVE_TO, inTab - 1, MOVE_FROM, 0),
    check: () => document.querySelector(`[data-pointer="${MOVE_TO}/${inTab - 1}"]`) === null,
  };
}

const bench: DesignerBenchApi = {
  async mount(name) {
    unmount();
    (globalThis as { gc?: () => void }).gc?.();
    const store = createDesignerStore(structuredClone(validated.app) as NonNullable<typeof validated.app>);
    // The panel's inspector shows the node whose label the property changes edit.
    store.getState().select(LABEL_NODE);
    const context: DesignerContextValue = {
      store,
      runtime,
      api,
      appId: "designerBench",
      locale: "en",
      locate: (path) => store.getState().select(path),
    };
    const container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    flushSync(() =>
      root.render(
        <DesignerContext.Provider value={context}>{contenders[name].element(store)}</DesignerContext.Provider>,
      ),
    );
    await afterPaint();
    mounted = { root, container, store };
    return { nodes: countNodes(layoutOf(store)), drawn: container.querySelectorAll(contenders[name].drawn).length };
  },

  async edits(kind, count) {
    const at = mounted;
    if (!at) throw new Error("mount() first.");
    const timings: EditTiming[] = [];
    for (let i = 0; i < count; i++) {
      const edit = editOf(kind, i, at.store);
      await afterPaint();
      const start = performance.now();
      flushSync(() => {
        if (!at.store.getState().apply(edit.command)) throw new Error(`The ${kind} edit was refused.`);
      });
      const commit = performance.now();
      // Reading layout forces style and layout of the whole page now.
      void document.body.getBoundingClientRect().height;
      const layout = performance.now();
      await afterPaint();
      const paint = performance.now();
      if (!edit.check()) throw new Error(`The ${kind} edit ${i} did not show after its commit.`);
      timings.push({ commitMs: commit - start, layoutMs: layout - start, paintMs: paint - start });
    }
    if (countNodes(layoutOf(at.store)) !== DESIGNER_NODE_COUNT) throw new Error("The page lost or gained nodes.");
    return timings;
  },

  unmount,
};

window.designerBench = bench;
