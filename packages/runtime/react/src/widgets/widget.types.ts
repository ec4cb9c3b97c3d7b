import type { DataSource, Field, Locale } from "@plinth/runtime";
import type { ComponentType } from "react";

/** What every widget receives. Widgets are controlled: they show `value` and report edits through `onChange`. */
export interface WidgetProps {
  readonly field: Field;
  readonly value: unknown;
  /** A new value; blank is `null` (the core normalises text further). */
  readonly onChange: (value: unknown) => void;
  readonly onBlur?: () => void;
  readonly disabled: boolean;
  readonly invalid: boolean;
  readonly required: boolean;
  /** The id of the focusable control; the slot's `<label htmlFor>` points at it. */
  readonly id: string;
  /** The id of the label element, for controls that are not labelable (`aria-labelledby`). */
  readonly labelId: string;
  /** The id of the element holding the field's messages, when there are any. */
  readonly describedBy?: string;
  readonly locale: Locale;
  /** The form's entity (attachment uploads name it). */
  readonly entity?: string;
  /** The record being edited; absent while creating (attachments download from a saved record). */
  readonly recordId?: string;
}

export type WidgetComponent = ComponentType<WidgetProps>;

/** Widgets by field kind (or by the name a field node's `widget` gives). */
export type WidgetRegistry = Readonly<Record<string, WidgetComponent>>;

/** A data source as the widgets use it; other members belong to the player's data layer. */
export interface OptionsLookup {
  /** Choices for a user or relation field matching `search` (an empty search lists the first few). */
  options(search: string, field: Field): Promise<ReadonlyArray<{ readonly value: string; readonly label: string }>>;
}

/** Whether an (otherwise opaque) data source can look up choices. */
export function hasOptionsLookup(source: unknown): source is OptionsLookup {
  return (
    typeof source === "object" && source !== null && typeof (source as { options?: unknown }).options === "function"
  );
}

/** A data source as the user picker uses it. */
export type PeopleLookup = Pick<DataSource, "people">;

/** Whether an (otherwise opaque) data source can list the app's people. */
export function hasPeopleLookup(source: unknown): source is PeopleLookup {
  return typeof source === "object" && source !== null && typeof (source as { people?: unknown }).people === "function";
}

/** A data source as the attachment widget uses it: upload, and download of saved files. */
export type FileTransfer = Pick<DataSource, "upload" | "download" | "fileUrl">;

/** Whether an (otherwise opaque) data source can upload and download files. */
export function hasFileTransfer(source: unknown): source is FileTransfer {
  if (typeof source !== "object" || source === null) return false;
  const s = source as { upload?: unknown; download?: unknown; fileUrl?: unknown };
  return typeof s.upload === "function" && typeof s.download === "function" && typeof s.fileUrl === "function";
}
