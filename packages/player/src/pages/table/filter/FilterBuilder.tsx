import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { type Locale, labelText } from "@plinth/runtime";
import { Button, Input, Radio, Select, Space, Typography } from "antd";
import { memo, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { newCondition, withOperator } from "./buildFilter.js";
import type { FilterCondition, FilterField, FilterProblem, FilterState } from "./filter.types.js";
import { arityOf, operatorsFor } from "./filterFields.js";
import { type PeopleSearch, PeopleValue } from "./PeopleValue.js";

/** Choices for a relation field's value: the related records' titles matching `search`. */
export type RelationLookup = (
  field: FilterField,
  search: string,
) => Promise<ReadonlyArray<{ readonly value: string; readonly label: string }>>;

/**
 * Where the builder finds values that are ids: related records by title, people by name. Without
 * one (or a part of it), such a value is typed as text.
 */
export interface FilterLookup {
  readonly records?: RelationLookup | undefined;
  /** The app's people (a data source's `people`): a user field's "is" / "is not" value. */
  readonly people?: PeopleSearch | undefined;
}

export interface FilterBuilderProps {
  readonly fields: readonly FilterField[];
  readonly state: FilterState;
  readonly onChange: (state: FilterState) => void;
  /** Rows that cannot become a formula yet, shown under each row. */
  readonly problems?: readonly FilterProblem[];
  readonly locale: Locale;
  readonly lookup?: FilterLookup;
}

/**
 * Rows of (field, operator, value) joined by "all" or "any". Controlled: the host keeps the
 * state and turns it into formula text with `buildFilter`. Every control is labelled and
 * reachable with the keyboard.
 */
export function FilterBuilder({ fields, state, onChange, problems = [], locale, lookup }: FilterBuilderProps) {
  const { t } = useTranslation();
  const setRow = (index: number, row: FilterCondition) =>
    onChange({ ...state, conditions: state.conditions.map((c, i) => (i === index ? row : c)) });
  const first = fields[0];
  return (
    <section className="plinth-filter-builder" aria-label={t("filterBuilder")}>
      <Space wrap size="small" className="plinth-filter-join">
        <span id="plinth-filter-join-label">{t("matchLabel")}</span>
        <Radio.Group
          aria-labelledby="plinth-filter-join-label"
          optionType="button"
          size="small"
          value={state.join}
          onChange={(event) => onChange({ ...state, join: event.target.value as FilterState["join"] })}
          options={[
            { value: "all", label: t("matchAll") },
            { value: "any", label: t("matchAny") },
          ]}
        />
        <span>{t("matchSuffix")}</span>
      </Space>
      {state.conditions.length === 0 && <p className="plinth-filter-empty">{t("noConditions")}</p>}
      <ol className="plinth-filter-rows">
        {state.conditions.map((condition, index) => (
          <ConditionRow
            // Rows have no identity of their own; the position is the row.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
            key={index}
            index={index}
            condition={condition}
            fields={fields}
            locale={locale}
            problem={problems.find((p) => p.index === index)?.code}
            lookup={lookup}
            onChange={setRow}
            onRemove={(i) => onChange({ ...state, conditions: state.conditions.filter((_, at) => at !== i) })}
          />
        ))}
      </ol>
      {problems.some((p) => p.index === -1) && (
        <Typography.Text type="danger" role="alert">
          {t("problem_tooLong")}
        </Typography.Text>
      )}
      <Button
        size="small"
        icon={<PlusOutlined aria-hidden />}
        disabled={!first}
        onClick={() => first && onChange({ ...state, conditions: [...state.conditions, newCondition(first)] })}
      >
        {t("addCondition")}
      </Button>
    </section>
  );
}

interface ConditionRowProps {
  readonly index: number;
  readonly condition: FilterCondition;
  readonly fields: readonly FilterField[];
  readonly locale: Locale;
  readonly problem?: string | undefined;
  readonly lookup?: FilterLookup | undefined;
  readonly onChange: (index: number, row: FilterCondition) => void;
  readonly onRemove: (index: number) => void;
}

const ConditionRow = memo(function ConditionRow({
  index,
  condition,
  fields,
  locale,
  problem,
  lookup,
  onChange,
  onRemove,
}: ConditionRowProps) {
  const { t } = useTranslation();
  const n = index + 1;
  const problemId = useId();
  const field = fields.find((f) => f.id === condition.field);
  const fieldOptions = fields.map((f) => ({ value: f.id, label: labelText(f.label, locale, f.id) }));
  const operators = field ? operatorsFor(field.kind) : [];
  const describedBy = problem ? problemId : undefined;
  return (
    <li className="plinth-filter-row" data-testid={`condition-${n}`}>
      <Space wrap size="small" align="start">
        <Select
          aria-label={t("conditionField", { n })}
          className="plinth-filter-field"
          style={{ minWidth: 160 }}
          showSearch={{ optionFilterProp: "label" }}
          value={condition.field}
          options={fieldOptions}
          onChange={(id) => {
            const next = fields.find((f) => f.id === id);
            if (next) onChange(index, newCondition(next));
          }}
        />
        <Select
          aria-label={t("conditionOperator", { n })}
          className="plinth-filter-op"
          style={{ minWidth: 150 }}
          value={condition.op}
          options={operators.map((op) => ({ value: op, label: t(`op_${op}`) }))}
          onChange={(op) => onChange(index, withOperator(condition, op))}
        />
        {field && (
          <ValueInput
            field={field}
            condition={condition}
            n={n}
            locale={locale}
            lookup={lookup}
            invalid={problem !== undefined}
            describedBy={describedBy}
            onValues={(values) => onChange(index, { ...condition, values })}
          />
        )}
        <Button
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t("removeCondition", { n })}
          onClick={() => onRemove(index)}
        />
      </Space>
      {problem && (
        <Typography.Text type="danger" id={problemId} className="plinth-filter-problem">
          {t(`problem_${problem}`)}
        </Typography.Text>
      )}
    </li>
  );
});

interface ValueInputProps {
  readonly field: FilterField;
  readonly condition: FilterCondition;
  readonly n: number;
  readonly locale: Locale;
  readonly lookup?: FilterLookup | undefined;
  readonly invalid: boolean;
  readonly describedBy?: string | undefined;
  readonly onValues: (values: string[]) => void;
}

/** The value controls an operator takes: none, one, a range, or a list of options. */
function ValueInput({ field, condition, n, locale, lookup, invalid, describedBy, onValues }: ValueInputProps) {
  const { t } = useTranslation();
  const arity = arityOf(condition.op);
  const values = condition.values;
  const status = invalid ? ("error" as const) : undefined;
  const common = { status, "aria-invalid": invalid || undefined, "aria-describedby": describedBy };
  if (arity === "none") return null;
  if (arity === "many") {
    return (
      <Select
        {...common}
        aria-label={t("conditionValue", { n })}
        mode="multiple"
        style={{ minWidth: 220 }}
        placeholder={t("pickValues")}
        value={[...values]}
        options={(field.options ?? []).map((o) => ({ value: o.value, label: labelText(o.label, locale, o.value) }))}
        showSearch={{ optionFilterProp: "label" }}
        onChange={(picked: string[]) => onValues(picked)}
      />
    );
  }
  const onValue = (v: string | undefined) => onValues(v === undefined ? [] : [v]);
  if (field.kind === "relation" && lookup?.records) {
    return (
      <RelationValue
        field={field}
        value={values[0]}
        label={t("conditionValue", { n })}
        lookup={lookup.records}
        common={common}
        onValue={onValue}
      />
    );
  }
  if (field.kind === "user" && lookup?.people) {
    return (
      <PeopleValue
        roles={field.roles}
        value={values[0]}
        label={t("conditionValue", { n })}
        people={lookup.people}
        common={common}
        onValue={onValue}
      />
    );
  }
  const type =
    field.kind === "date" || field.kind === "datetime" ? (condition.op === "lastDays" ? "number" : "date") : "text";
  const one = (at: 0 | 1, label: string) => (
    <Input
      {...common}
      aria-label={label}
      type={type}
      inputMode={field.kind === "number" || condition.op === "lastDays" ? "decimal" : undefined}
      style={{ width: type === "date" ? 160 : condition.op === "lastDays" ? 90 : 200 }}
      value={values[at] ?? ""}
      onChange={(event) => {
        const next = [...values];
        next[at] = event.target.value;
        onValues(next.map((v) => v ?? ""));
      }}
    />
  );
  if (arity === "two") {
    return (
      <Space size="small">
        {one(0, t("conditionValue", { n }))}
        <span>{t("and")}</span>
        {one(1, t("conditionValueTo", { n }))}
      </Space>
    );
  }
  if (condition.op === "lastDays") {
    return (
      <Space size="small">
        {one(0, t("conditionValue", { n }))}
        <span>{t("days")}</span>
      </Space>
    );
  }
  return one(0, t("conditionValue", { n }));
}

interface RelationValueProps {
  readonly field: FilterField;
  readonly value: string | undefined;
  readonly label: string;
  readonly lookup: RelationLookup;
  readonly common: Record<string, unknown>;
  readonly onValue: (value: string | undefined) => void;
}

/** A related record, searched by its title (the stored value is its id). */
function RelationValue({ field, value, label, lookup, common, onValue }: RelationValueProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [choices, setChoices] = useState<ReadonlyArray<{ value: string; label: string }>>([]);
  useEffect(() => {
    let live = true;
    lookup(field, search).then(
      (found) => live && setChoices(found),
      () => live && setChoices([]),
    );
    return () => {
      live = false;
    };
  }, [lookup, field, search]);
  const options =
    value !== undefined && !choices.some((c) => c.value === value) ? [...choices, { value, label: value }] : choices;
  return (
    <Select
      {...common}
      aria-label={label}
      style={{ minWidth: 220 }}
      placeholder={t("searchRecords")}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      options={[...options]}
      onChange={(v?: string) => onValue(v ?? undefined)}
    />
  );
}
