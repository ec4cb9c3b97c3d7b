/**
 * What the designer canvas benchmark page (page.tsx, in Chromium) and its driver
 * (canvas.bench.ts, in Node) say to each other through `page.evaluate`.
 */

/**
 * The contenders, the baseline first: a plain React list of the page's 300 nodes subscribed to
 * the same store (every node re-rendered on every change), the canvas alone, and the whole
 * pages panel (page list, palette, canvas, inspector of the selected node).
 */
export const DESIGNER_CONTENDERS = ["plain list", "canvas", "pages panel"] as const;
export type DesignerContender = (typeof DESIGNER_CONTENDERS)[number];

/** The two timed edits. */
export const DESIGNER_EDITS = ["move", "label"] as const;
export type DesignerEdit = (typeof DESIGNER_EDITS)[number];

/** One timed edit: from `store.apply` until... */
export interface EditTiming {
  /** ...React committed the change (`flushSync` around the store update returned). */
  readonly commitMs: number;
  /** ...the browser computed style and layout of the changed page (forced right after the commit). */
  readonly layoutMs: number;
  /** ...a task after the next animation frame: the change has been painted. */
  readonly paintMs: number;
}

export interface MountInfo {
  /** Layout nodes in the page's document. */
  readonly nodes: number;
  /** Elements the contender drew for them. */
  readonly drawn: number;
}

/** The page's API, on `window.designerBench`. */
export interface DesignerBenchApi {
  /** Mount a contender over a fresh store of the 300-node page (unmounting any other first). */
  mount(contender: DesignerContender): Promise<MountInfo>;
  /** Make `count` edits of one kind, one after another, each timed to its paint. */
  edits(kind: DesignerEdit, count: number): Promise<EditTiming[]>;
  unmount(): void;
}

declare global {
  interface Window {
    designerBench?: DesignerBenchApi;
  }
}
