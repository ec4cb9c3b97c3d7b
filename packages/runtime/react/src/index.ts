/**
 * @plinth/runtime/react — React renderers over the runtime core: a form store per form,
 * the form page renderer, the widget registry and the provider. The core decides; these
 * components subscribe and display. Start reading at `createFormStore` and `FormRenderer`.
 */

export { FieldSlot, type FieldSlotProps } from "./form/FieldSlot.js";
export { LayoutView } from "./form/FormLayout.js";
export {
  FormRenderer,
  type FormRendererProps,
  isSubmitRejection,
  type SubmitRejection,
} from "./form/FormRenderer.js";
export {
  type CreateFormStoreOptions,
  createFormStore,
  type FieldSlice,
  type FormState,
  type FormStore,
} from "./form/formStore.js";
export { useCondition, useField, useFormState, useUnsavedChangesWarning } from "./form/hooks.js";
export { createPlinthI18n, type UiKey, uiStrings } from "./i18n.js";
export type {
  LayoutNodeRenderers,
  NodePlace,
  RelatedListNodeProps,
  WidgetNodeProps,
} from "./layout/nodes.types.js";
export { StandardRelatedList, StandardWidgetNode } from "./layout/StandardNodes.js";
export { type PlinthContextValue, PlinthProvider, type PlinthProviderProps, usePlinth } from "./PlinthProvider.js";
export { createWidgetRegistry } from "./widgets/registry.js";
export {
  type FileTransfer,
  hasFileTransfer,
  hasOptionsLookup,
  hasPeopleLookup,
  type OptionsLookup,
  type PeopleLookup,
  type WidgetComponent,
  type WidgetProps,
  type WidgetRegistry,
} from "./widgets/widget.types.js";
