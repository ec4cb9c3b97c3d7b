import { Input, InputNumber, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { FormulaInput } from "./FormulaInput.js";
import type { PropertySchema, Widget } from "./kindSchema.js";

/** A value the property may take, when the document offers a list (entities, fields, roles, options). */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

interface Props {
  readonly id: string;
  /** The property's key in the schema (`maxLength`, `default`...). */
  readonly property: string;
  readonly name: string;
  readonly widget: Widget;
  readonly schema: PropertySchema;
  readonly value: unknown;
  /** `undefined` clears the property. */
  readonly onChange: (value: unknown) => void;
  readonly choices?: readonly Choice[] | undefined;
  /** Where the value lives, for the core's issues about a formula. */
  readonly pointer?: string | undefined;
}

/** The special values a text property also takes (a date default's `$today`), shown as its placeholder. */
function specialValues(schema: PropertySchema): string | undefined {
  const consts = ((schema.anyOf as PropertySchema[] | undefined) ?? []).flatMap((s) =>
    "const" in s ? [String(s.const)] : [],
  );
  return consts.length > 0 ? consts.join(" · ") : undefined;
}

const numberOr = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

/** The control for one scalar or list property of a field, chosen from the property's schema. */
export function PropertyInput({ id, property, name, widget, schema, value, onChange, choices, pointer }: Props) {
  const { t } = useTranslation();
  switch (widget) {
    case "formula":
      return (
        <FormulaInput
          id={id}
          pointer={pointer}
          value={typeof value === "string" ? value : undefined}
          onChange={onChange}
        />
      );
    case "enum":
      return (
        <Select
          id={id}
          allowClear
          style={{ minWidth: 180 }}
          value={value as string | undefined}
          onChange={(next) => onChange(next ?? undefined)}
          options={(schema.enum as string[]).map((v) => ({
            value: v,
            label: t(`model_enum_${v}`, { defaultValue: v }),
          }))}
        />
      );
    case "const":
      return (
        <Switch
          id={id}
          aria-label={name}
          checked={value === schema.const}
          onChange={(on) => onChange(on ? schema.const : undefined)}
        />
      );
    case "boolean":
      if (property === "default")
        return (
          <Select
            id={id}
            allowClear
            style={{ minWidth: 120 }}
            value={typeof value === "boolean" ? String(value) : undefined}
            options={[
              { value: "true", label: t("model_yes") },
              { value: "false", label: t("model_no") },
            ]}
            onChange={(next?: string) => onChange(next === undefined ? undefined : next === "true")}
          />
        );
      return <Switch id={id} aria-label={name} checked={value === true} onChange={(on) => onChange(on || undefined)} />;
    case "number":
      return (
        <InputNumber
          id={id}
          value={numberOr(value)}
          min={numberOr(schema.minimum)}
          max={numberOr(schema.maximum)}
          precision={schema.type === "integer" ? 0 : undefined}
          onChange={(next) => onChange(next ?? undefined)}
        />
      );
    case "stringList":
      return (
        <Select
          id={id}
          mode={choices ? "multiple" : "tags"}
          allowClear
          style={{ minWidth: 220 }}
          value={Array.isArray(value) ? (value as string[]) : []}
          options={choices?.map((c) => ({ value: c.value, label: c.label }))}
          onChange={(next: string[]) => onChange(next.length === 0 ? undefined : next)}
        />
      );
    case "text":
      if (choices)
        return (
          <Select
            id={id}
            allowClear
            showSearch
            style={{ minWidth: 220 }}
            value={typeof value === "string" ? value : undefined}
            options={choices.map((c) => ({ value: c.value, label: c.label }))}
            onChange={(next) => onChange(next ?? undefined)}
          />
        );
      return (
        <Input
          id={id}
          placeholder={specialValues(schema)}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        />
      );
    default:
      return null;
  }
}
