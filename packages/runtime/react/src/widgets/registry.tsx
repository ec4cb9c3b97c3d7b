import type { FieldKindName } from "@plinth/runtime";
import { lazy, Suspense } from "react";
import { controlAria } from "./aria.js";
import { BooleanWidget } from "./BooleanWidget.js";
import { DateTimeWidget, DateWidget } from "./DateWidget.js";
import { CurrencyWidget, NumberWidget } from "./NumberWidget.js";
import { ReadOnlyWidget } from "./ReadOnlyWidget.js";
import { SelectWidget } from "./SelectFacade.js";
import { LongTextWidget, TextWidget } from "./TextWidget.js";
import type { WidgetComponent, WidgetProps, WidgetRegistry } from "./widget.types.js";

/** Until a lazily loaded widget arrives, a disabled input with the same id keeps the label and layout still. */
function StandIn(props: WidgetProps) {
  return <input {...controlAria(props)} className="plinth-input" disabled />;
}

// Searchable lookups are heavy: their code loads on first use (selects: SelectFacade.tsx).
const LazyLookup = lazy(() => import("./LookupWidget.js").then((m) => ({ default: m.LookupWidget })));

function LookupWidget(props: WidgetProps) {
  return (
    <Suspense fallback={<StandIn {...props} />}>
      <LazyLookup {...props} />
    </Suspense>
  );
}

// The people picker and the upload list load on first use too.
const LazyUser = lazy(() => import("./UserWidget.js").then((m) => ({ default: m.UserWidget })));
const LazyAttachment = lazy(() => import("./AttachmentWidget.js").then((m) => ({ default: m.AttachmentWidget })));

function UserWidget(props: WidgetProps) {
  return (
    <Suspense fallback={<StandIn {...props} />}>
      <LazyUser {...props} />
    </Suspense>
  );
}

function AttachmentWidget(props: WidgetProps) {
  return (
    <Suspense fallback={<StandIn {...props} />}>
      <LazyAttachment {...props} />
    </Suspense>
  );
}

const standardWidgets: { readonly [K in FieldKindName]: WidgetComponent } = {
  text: TextWidget,
  email: TextWidget,
  phone: TextWidget,
  url: TextWidget,
  longText: LongTextWidget,
  number: NumberWidget,
  percent: NumberWidget,
  currency: CurrencyWidget,
  boolean: BooleanWidget,
  date: DateWidget,
  datetime: DateTimeWidget,
  select: SelectWidget,
  multiSelect: SelectWidget,
  user: UserWidget,
  relation: LookupWidget,
  formula: ReadOnlyWidget,
  rollup: ReadOnlyWidget,
  autonumber: ReadOnlyWidget,
  attachment: AttachmentWidget,
};

/**
 * The standard widget of every field kind, with `overrides` in their place. Keys are field
 * kinds, or names that a field node's `widget` picks. Nothing registers itself on import:
 * hand the result (or just the overrides) to `PlinthProvider`.
 *
 * @example
 * const widgets = createWidgetRegistry({ longText: MarkdownWidget, stars: StarRating });
 */
export function createWidgetRegistry(overrides: WidgetRegistry = {}): WidgetRegistry {
  return { ...standardWidgets, ...overrides };
}
