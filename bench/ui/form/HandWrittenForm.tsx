import { type CSSProperties, type FormEvent, type ReactElement, useState } from "react";
import { type BenchField, SELECT_OPTIONS } from "./fixture.js";

type Values = Record<string, string | number | boolean | null>;

const grid: CSSProperties = { display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", columnGap: 16 };
const item: CSSProperties = { display: "flex", flexDirection: "column", marginBottom: 16 };
const error: CSSProperties = { color: "#ff4d4f" };

function initialValues(fields: readonly BenchField[]): Values {
  return Object.fromEntries(fields.map((f) => [f.id, f.kind === "boolean" ? false : null]));
}

const numberOrNull = (text: string) => (text === "" || Number.isNaN(Number(text)) ? null : Number(text));

/** What the formula fields show, computed in render as a hand-written form would. */
function computed(field: BenchField, values: Values): string {
  const formula = field.formula;
  if (!formula) return "";
  if (formula.kind === "yesNo") return values[formula.flag] === true ? "yes" : "no";
  const amount = values[formula.amount];
  const percent = values[formula.percent];
  if (typeof amount !== "number" || typeof percent !== "number") return "";
  return String(Math.round(((amount * percent) / 100) * 100) / 100);
}

/**
 * The baseline: a React 19 form written by hand the plain way. One `useState` holds every
 * value, each field is a label and a controlled `<input>`, `<select>` or `<textarea>`, and the
 * same rules as the Plinth form are written out in code (required, required-when, read-only-when,
 * hidden-when, minimum, the two formulas), with a message under a touched field that breaks one.
 */
export function HandWrittenForm({ fields }: { readonly fields: readonly BenchField[] }) {
  const [values, setValues] = useState<Values>(() => initialValues(fields));
  const [touched, setTouched] = useState<Readonly<Record<string, boolean>>>({});
  const set = (id: string, value: Values[string]) => {
    setValues((v) => ({ ...v, [id]: value }));
    setTouched((t) => (t[id] ? t : { ...t, [id]: true }));
  };
  const submit = (event: FormEvent) => event.preventDefault();

  return (
    <form onSubmit={submit} noValidate aria-label="Deal">
      <div style={grid}>
        {fields.map((field) => {
          if (field.hiddenWhen && values[field.hiddenWhen] === true) return null;
          const value = values[field.id] ?? null;
          const required =
            field.required === true ||
            (field.requiredWhenSelectIsB !== undefined && values[field.requiredWhenSelectIsB] === "b");
          const readOnly =
            field.kind === "formula" || (field.readOnlyWhen !== undefined && values[field.readOnlyWhen] === true);
          let message: string | undefined;
          if (touched[field.id] && required && (value === null || value === "")) message = "Required";
          else if (touched[field.id] && field.min !== undefined && typeof value === "number" && value < field.min)
            message = `At least ${field.min}`;
          const inputId = `hw-${field.id}`;
          const common = {
            id: inputId,
            name: field.id,
            required,
            "aria-invalid": message ? true : undefined,
            "aria-describedby": message ? `${inputId}-message` : undefined,
          };
          let control: ReactElement;
          switch (field.kind) {
            case "select":
              control = (
                <select {...common} value={String(value ?? "")} onChange={(e) => set(field.id, e.target.value || null)}>
                  <option value="" />
                  {SELECT_OPTIONS.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              );
              break;
            case "boolean":
              control = (
                <input
                  {...common}
                  type="checkbox"
                  checked={value === true}
                  onChange={(e) => set(field.id, e.target.checked)}
                />
              );
              break;
            case "longText":
              control = (
                <textarea
                  {...common}
                  rows={2}
                  value={String(value ?? "")}
                  onChange={(e) => set(field.id, e.target.value)}
                />
              );
              break;
            case "number":
            case "currency":
            case "percent":
              control = (
                <input
                  {...common}
                  type="number"
                  readOnly={readOnly}
                  value={value === null ? "" : String(value)}
                  onChange={(e) => set(field.id, numberOrNull(e.target.value))}
                />
              );
              break;
            case "formula":
              control = <input {...common} readOnly value={computed(field, values)} />;
              break;
            case "date":
              control = (
                <input
                  {...common}
                  type="date"
                  value={String(value ?? "")}
                  onChange={(e) => set(field.id, e.target.value || null)}
                />
              );
              break;
            case "text":
              control = (
                <input {...common} value={String(value ?? "")} onChange={(e) => set(field.id, e.target.value)} />
              );
              break;
            default: {
              const unknown: never = field.kind;
              return unknown;
            }
          }
          return (
            <div key={field.id} style={item}>
              <label htmlFor={inputId}>
                {field.label}
                {required ? " *" : null}
              </label>
              {control}
              {message ? (
                <span id={`${inputId}-message`} style={error}>
                  {message}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <button type="submit">Save</button>
    </form>
  );
}
