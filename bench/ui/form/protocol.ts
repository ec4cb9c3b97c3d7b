/**
 * What the form benchmark page (page.tsx, in Chromium) and its driver (form.bench.ts, in Node)
 * say to each other through `page.evaluate`: the contenders' names and the page's API on
 * `window.formBench`.
 */

/** The three forms, in the order they are reported; the first is the baseline. */
export const CONTENDERS = ["hand-written", "@rjsf/core", "Plinth"] as const;
export type ContenderName = (typeof CONTENDERS)[number];

/** The selector every contender's focusable form controls match (one per field). */
export const CONTROL_SELECTOR = 'input:not([type="hidden"]), select, textarea, [role="switch"]';

/** One mount of a contender, timed from `createRoot` on. */
export interface MountResult {
  /** Until `flushSync(() => root.render(...))` returned: React rendered and committed the whole form. */
  readonly commitMs: number;
  /** Until a forced style and layout of the page after the commit. */
  readonly layoutMs: number;
  /** Until a task after the next animation frame: the form has been painted. */
  readonly paintMs: number;
  /** Form controls in the DOM after the commit. */
  readonly controls: number;
  /** False while lazily loaded widgets still showed their stand-ins at the commit. */
  readonly complete: boolean;
}

/** The page's API, on `window.formBench`. */
export interface FormBenchApi {
  /** Mount a contender in a fresh root (unmounting any other first) and time it. */
  mount(contender: ContenderName): Promise<MountResult>;
  /** Focus the control of the field at `position` (1-based); returns that control's label text. */
  focusField(position: number): string;
  /** Start watching the focused control: the next keydown starts the clock, React's commit of the new value stops it. */
  armKeystroke(): void;
  /** Milliseconds from the armed keydown until React committed the control's new value. */
  keystrokeMs(): Promise<number>;
  unmount(): void;
}

declare global {
  interface Window {
    formBench?: FormBenchApi;
  }
}
