import { type AttachmentField, attachmentKind } from "./attachment.js";
import { type AutonumberField, autonumberKind } from "./autonumber.js";
import { type BooleanField, booleanKind } from "./boolean.js";
import { type CurrencyField, currencyKind } from "./currency.js";
import { type DateField, dateKind } from "./date.js";
import { type DatetimeField, datetimeKind } from "./datetime.js";
import { type EmailField, emailKind } from "./email.js";
import type { FieldKind } from "./fieldKind.js";
import { type FormulaField, formulaKind } from "./formula.js";
import { type LongTextField, longTextKind } from "./longText.js";
import { type MultiSelectField, multiSelectKind } from "./multiSelect.js";
import { type NumberField, numberKind } from "./number.js";
import { type PercentField, percentKind } from "./percent.js";
import { type PhoneField, phoneKind } from "./phone.js";
import { type RelationField, relationKind } from "./relation.js";
import { type RollupField, rollupKind } from "./rollup.js";
import { type SelectField, selectKind } from "./select.js";
import { type TextField, textKind } from "./text.js";
import { type UrlField, urlKind } from "./url.js";
import { type UserField, userKind } from "./user.js";

/** Any field of an app schema, discriminated by `kind`. */
export type Field =
  | TextField
  | LongTextField
  | NumberField
  | CurrencyField
  | PercentField
  | BooleanField
  | DateField
  | DatetimeField
  | SelectField
  | MultiSelectField
  | EmailField
  | PhoneField
  | UrlField
  | UserField
  | RelationField
  | FormulaField
  | RollupField
  | AutonumberField
  | AttachmentField;

export type FieldKindName = Field["kind"];
export type FieldOfKind<K extends FieldKindName> = Extract<Field, { kind: K }>;

/** Every standard field kind, keyed by its `kind` literal. */
export const standardFieldKinds: { readonly [K in FieldKindName]: FieldKind<FieldOfKind<K>> } = {
  text: textKind,
  longText: longTextKind,
  number: numberKind,
  currency: currencyKind,
  percent: percentKind,
  boolean: booleanKind,
  date: dateKind,
  datetime: datetimeKind,
  select: selectKind,
  multiSelect: multiSelectKind,
  email: emailKind,
  phone: phoneKind,
  url: urlKind,
  user: userKind,
  relation: relationKind,
  formula: formulaKind,
  rollup: rollupKind,
  autonumber: autonumberKind,
  attachment: attachmentKind,
};

export const fieldKindNames = Object.keys(standardFieldKinds) as FieldKindName[];

/** The module of a field's kind, typed for that field. */
export function fieldKindOf<F extends Field>(field: F): FieldKind<F> {
  return standardFieldKinds[field.kind] as unknown as FieldKind<F>;
}

export type {
  AttachmentField,
  AutonumberField,
  BooleanField,
  CurrencyField,
  DateField,
  DatetimeField,
  EmailField,
  FormulaField,
  LongTextField,
  MultiSelectField,
  NumberField,
  PercentField,
  PhoneField,
  RelationField,
  RollupField,
  SelectField,
  TextField,
  UrlField,
  UserField,
};
