/**
 * The form benchmark's page, built by Vite in production mode and run in headless Chromium.
 * It mounts one contender at a time and times it with `performance.now()`; the driver in
 * Node (form.bench.ts) reads the figures through `window.formBench`.
 */
import { type App, createRuntime, type FormPage, type RecordContext } from "@plinth/runtime";
import { createFormStore, FormRenderer, PlinthProvider } from "@plinth/runtime/react";
import Form from "@rjsf/core";
import validator from "@rjsf/validator-ajv8";
import { Button, ConfigProvider } from "antd";
import { type ReactElement, useState } from "react";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { BENCH_ENTITY, BENCH_PAGE, benchApp, benchFields, rjsfSchemas } from "./fixture.js";
import { HandWrittenForm } from "./HandWrittenForm.js";
import { CONTROL_SELECTOR, type ContenderName, type FormBenchApi, type MountResult } from "./protocol.js";

const fields = benchFields();
const selectCount = fields.filter((f) => f.kind === "select").length;

const runtime = createRuntime();
const validated = runtime.validateApp(benchApp(fields));
if (!validated.ok) throw new Error(validated.issues.map((i) => `${i.path}: ${i.message.en}`).join("\n"));
const app = validated.app as App;
const page = app.pages?.find((p) => p.id === BENCH_PAGE) as FormPage;
const context: RecordContext = {
  mode: "create",
  today: "2026-06-01",
  now: "2026-06-01T09:00:00.000Z",
  user: { id: "u1", roles: ["rep"] },
};
const save = async () => undefined;

/** Plinth as the player mounts a form: a store per form, created with the form's first render. */
function PlinthForm() {
  const [store] = useState(() => createFormStore({ app, entity: BENCH_ENTITY, context, runtime }));
  return <FormRenderer store={store} page={page} onSubmit={save} warnOnUnsavedChanges={false} />;
}

const rjsf = rjsfSchemas(fields);

interface Contender {
  readonly element: () => ReactElement;
  /** Whether the commit showed the real widgets (not lazy stand-ins). */
  readonly complete: (container: HTMLElement) => boolean;
}

const contenders: Record<ContenderName, Contender> = {
  "hand-written": { element: () => <HandWrittenForm fields={fields} />, complete: () => true },
  "@rjsf/core": {
    element: () => <Form schema={rjsf.schema} uiSchema={rjsf.uiSchema} validator={validator} />,
    complete: () => true,
  },
  Plinth: {
    element: () => (
      <PlinthProvider locale="en">
        <PlinthForm />
      </PlinthProvider>
    ),
    // antd's Select renders a combobox; its lazy stand-in is a plain disabled input.
    complete: (container) => container.querySelectorAll('[role="combobox"]').length === selectCount,
  },
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

let mounted: { root: Root; container: HTMLElement } | undefined;
let pending: Promise<number> | undefined;

function unmount() {
  mounted?.root.unmount();
  mounted?.container.remove();
  mounted = undefined;
}

function controls(): HTMLElement[] {
  return mounted ? [...mounted.container.querySelectorAll<HTMLElement>(CONTROL_SELECTOR)] : [];
}

const api: FormBenchApi = {
  async mount(name) {
    unmount();
    // Start every mount from the same heap state (Chromium runs with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    await afterPaint();
    const container = document.createElement("div");
    document.body.append(container);
    const contender = contenders[name];

    const start = performance.now();
    const root = createRoot(container);
    flushSync(() => root.render(contender.element()));
    const commit = performance.now();
    // Reading layout forces style and layout of the whole page now.
    void document.body.getBoundingClientRect().height;
    const layout = performance.now();
    await afterPaint();
    const paint = performance.now();

    mounted = { root, container };
    const result: MountResult = {
      commitMs: commit - start,
      layoutMs: layout - start,
      paintMs: paint - start,
      controls: controls().length,
      complete: contender.complete(container),
    };
    return result;
  },

  focusField(position) {
    const control = controls()[position - 1];
    if (!control) throw new Error(`No control at position ${position}.`);
    control.focus();
    const labels = (control as HTMLInputElement).labels;
    return labels?.[0]?.textContent ?? control.getAttribute("aria-label") ?? "";
  },

  armKeystroke() {
    const target = document.activeElement;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) {
      throw new Error("Focus a text control before arming a keystroke.");
    }
    pending = new Promise<number>((resolve, reject) => {
      let start = Number.NaN;
      const onKeyDown = () => {
        start = performance.now();
      };
      // React keeps a controlled input's value attribute in step with the value it commits:
      // the attribute changing to what the person typed is React's commit of the new value.
      const observer = new MutationObserver(() => {
        if (Number.isNaN(start) || target.getAttribute("value") !== target.value) return;
        const end = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        resolve(end - start);
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`React did not commit the keystroke in ${target.id || target.tagName}.`));
      }, 5000);
      window.addEventListener("keydown", onKeyDown, { capture: true, once: true });
      observer.observe(target, { attributes: true, attributeFilter: ["value"] });
    });
  },

  keystrokeMs() {
    if (!pending) return Promise.reject(new Error("armKeystroke() first."));
    const result = pending;
    pending = undefined;
    return result;
  },

  unmount,
};

// The page is an antd app, as the player is: its shell (theme, one button) stays mounted in a
// root of its own, untimed, so that each timed mount is a form arriving in a running app rather
// than antd computing its theme from nothing. The other contenders ignore it.
const shell = document.createElement("div");
shell.hidden = true;
document.body.append(shell);
flushSync(() =>
  createRoot(shell).render(
    <ConfigProvider>
      <Button>Plinth</Button>
    </ConfigProvider>,
  ),
);

window.formBench = api;
