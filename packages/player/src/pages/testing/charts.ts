/**
 * happy-dom has no 2D canvas (`getContext("2d")` answers null) and lays nothing out, and ECharts
 * throws when it initialises a chart on such a canvas, which unmounts the whole dashboard. This
 * gives canvases a context that accepts every drawing call and draws nothing, and the dashboard's
 * chart boxes a size, so ECharts runs for real (options, layout, its "finished" event) while the
 * tests read the widgets' HTML: legends, totals, KPI numbers.
 */
function drawingContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const state: Record<PropertyKey, unknown> = {
    canvas,
    measureText: (text: string) => ({
      width: text.length * 7,
      actualBoundingBoxAscent: 8,
      actualBoundingBoxDescent: 2,
    }),
    getImageData: (_x: number, _y: number, w: number, h: number) => ({
      width: w,
      height: h,
      data: new Uint8ClampedArray(Math.max(0, w * h * 4)),
    }),
    createLinearGradient: () => ({ addColorStop: () => undefined }),
    createRadialGradient: () => ({ addColorStop: () => undefined }),
    createPattern: () => ({}),
    getLineDash: () => [],
    isPointInPath: () => false,
    isPointInStroke: () => false,
    getTransform: () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }),
  };
  // Any other method (fillRect, arc, save, …) is a no-op; properties (fillStyle, dpr, …) are kept.
  return new Proxy(state, {
    get: (target, key) => (key in target ? target[key] : () => undefined),
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

/** A chart box's size, as a dashboard cell gives it. */
const CHART = { width: 480, height: 240 };

function sizeOf(el: Element, axis: "width" | "height"): number | undefined {
  return el.classList.contains("plinth-dash-chart") ? CHART[axis] : undefined;
}

function descriptorOf(name: "clientWidth" | "clientHeight"): PropertyDescriptor {
  for (let proto: object | null = HTMLElement.prototype; proto; proto = Object.getPrototypeOf(proto)) {
    const found = Object.getOwnPropertyDescriptor(proto, name);
    if (found) return found;
  }
  throw new Error(`no ${name} on elements`);
}

/** Give canvases a 2D context and chart boxes their size until the returned function is called. */
export function provideCharts(): () => void {
  const original = HTMLCanvasElement.prototype.getContext;
  const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string) {
    if (kind !== "2d") return null;
    let context = contexts.get(this);
    if (!context) {
      context = drawingContext(this);
      contexts.set(this, context);
    }
    return context;
  } as typeof HTMLCanvasElement.prototype.getContext;
  const sizes = [
    ["clientWidth", "width"],
    ["clientHeight", "height"],
  ] as const;
  const before = sizes.map(([name]) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const);
  for (const [name, axis] of sizes) {
    const own = descriptorOf(name);
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return sizeOf(this, axis) ?? own.get?.call(this);
      },
    });
  }
  return () => {
    HTMLCanvasElement.prototype.getContext = original;
    for (const [name, own] of before) {
      if (own) Object.defineProperty(HTMLElement.prototype, name, own);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
    }
  };
}
