/**
 * The scroll driver of the table benchmark. `scrollThrough` runs IN THE PAGE (handed to
 * page.evaluate, so it must not close over anything): every animation frame it moves the
 * scrolling element down by `stepPx` (set to one viewport of rows: every row passes through the
 * viewport once, and every frame shows rows that were not in the DOM the frame before, the
 * heaviest frame a virtual list has), until the element's row count reaches `target` and the
 * scroll position is at the bottom. While the rows at the bottom are still loading it keeps
 * waiting, frame by frame; if nothing arrives for `stallMs` it clicks `loadMore` when given.
 *
 * Frames are measured two ways at once: the delta between consecutive requestAnimationFrame
 * callbacks (every frame, including fast ones), and the 'long-animation-frame' entries (LoAF:
 * Chromium's report of every frame whose work took longer than 50 ms, with the scripts to blame).
 */

export interface ScrollArgs {
  /** CSS selector of the scrolling element. */
  readonly scroller: string;
  /** CSS selector of the element whose `counterAttribute` counts the loaded rows. */
  readonly counter: string;
  /** `aria-rowcount` for the Plinth table. */
  readonly counterAttribute: string;
  /** Subtracted from the count (1 when it counts a header row). */
  readonly counterOffset: number;
  /** Rows to reach before the run ends. */
  readonly target: number;
  /** Pixels per frame; 0 means the scrolling element's height. */
  readonly stepPx: number;
  /** Stop after this many rows scrolled past (0 = all): used for short warm-up runs. */
  readonly maxRows: number;
  /** Selector of a button to click when no rows arrived for `stallMs` at the bottom. */
  readonly loadMore?: string;
  readonly stallMs: number;
  readonly timeoutMs: number;
}

export interface LongFrame {
  readonly duration: number;
  readonly blockingDuration: number;
  /** The scripts that ran in the frame, longest first: `invoker` (function or event) and ms. */
  readonly scripts: readonly string[];
}

export interface ScrollRun {
  /** ms between consecutive animation frames while scrolling. */
  readonly frames: readonly number[];
  readonly longFrames: readonly LongFrame[];
  readonly elapsedMs: number;
  readonly rows: number;
  readonly reachedEnd: boolean;
  readonly loadMoreClicks: number;
  readonly stepPx: number;
  readonly viewportPx: number;
}

export function scrollThrough(args: ScrollArgs): Promise<ScrollRun> {
  const el = document.querySelector<HTMLElement>(args.scroller);
  if (!el) return Promise.reject(new Error(`no element ${args.scroller}`));
  const rowCount = () =>
    Number(document.querySelector(args.counter)?.getAttribute(args.counterAttribute) ?? 0) - args.counterOffset;
  const step = args.stepPx > 0 ? args.stepPx : el.clientHeight;
  const frames: number[] = [];
  const longFrames: LongFrame[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const loaf = entry as PerformanceEntry & {
        blockingDuration?: number;
        scripts?: ReadonlyArray<{ invoker?: string; duration: number; sourceFunctionName?: string }>;
      };
      longFrames.push({
        duration: loaf.duration,
        blockingDuration: loaf.blockingDuration ?? 0,
        scripts: [...(loaf.scripts ?? [])]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3)
          .map((s) => `${s.invoker ?? "?"}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ""} ${s.duration}ms`),
      });
    }
  });
  observer.observe({ type: "long-animation-frame", buffered: false });
  const started = performance.now();
  const startTop = el.scrollTop;
  let last = started;
  let lastRows = rowCount();
  let lastGrowth = started;
  let clicks = 0;
  return new Promise((resolve) => {
    const finish = (reachedEnd: boolean) => {
      // One more frame so that LoAF entries of the last frames are delivered.
      requestAnimationFrame(() =>
        setTimeout(() => {
          observer.disconnect();
          resolve({
            frames,
            longFrames,
            elapsedMs: performance.now() - started,
            rows: rowCount(),
            reachedEnd,
            loadMoreClicks: clicks,
            stepPx: step,
            viewportPx: el.clientHeight,
          });
        }, 50),
      );
    };
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      const rows = rowCount();
      if (rows > lastRows) {
        lastRows = rows;
        lastGrowth = now;
      }
      const bottom = el.scrollHeight - el.clientHeight;
      const atBottom = el.scrollTop >= bottom - 1;
      const passed = (el.scrollTop - startTop) / 41;
      if ((atBottom && rows >= args.target) || (args.maxRows > 0 && passed >= args.maxRows)) return finish(true);
      if (now - started > args.timeoutMs) return finish(false);
      if (atBottom && args.loadMore && now - lastGrowth > args.stallMs) {
        const button = document.querySelector<HTMLButtonElement>(args.loadMore);
        if (button && !button.disabled) {
          button.click();
          clicks++;
          lastGrowth = now;
        }
      }
      el.scrollTop = Math.min(el.scrollTop + step, bottom);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
}
