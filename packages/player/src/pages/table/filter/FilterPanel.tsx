import { FunnelPlotOutlined } from "@ant-design/icons";
import type { Locale } from "@plinth/runtime";
import { Alert, Button, Input, Space } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { buildFilter } from "./buildFilter.js";
import { FilterBuilder, type FilterLookup } from "./FilterBuilder.js";
import { EMPTY_FILTER, type FilterField, type FilterState } from "./filter.types.js";
import { parseFilter } from "./parseFilter.js";

export interface FilterPanelProps {
  readonly fields: readonly FilterField[];
  /** The formula box's text (the host owns it, e.g. to load a saved view). */
  readonly text: string;
  readonly onTextChange: (text: string) => void;
  /** Apply the formula (the host sends it to the server, which checks it). */
  readonly onApply: (text: string) => void;
  readonly onClear: () => void;
  /** The server's verdict on the applied formula, in the user's language. */
  readonly error?: string | undefined;
  readonly locale: Locale;
  /** Related records and people for the builder's id values. */
  readonly lookup?: FilterLookup;
}

/**
 * The filter: a builder that writes the formula language, and the formula box, which shows what
 * the builder wrote and can be edited by hand. Text that has the builder's shapes is read back
 * into rows; other text leaves the builder aside (it says so) and is applied as typed.
 */
export function FilterPanel({ fields, text, onTextChange, onApply, onClear, error, locale, lookup }: FilterPanelProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<FilterState>(() => parseFilter(text, fields) ?? EMPTY_FILTER);
  const [detached, setDetached] = useState(() => parseFilter(text, fields) === undefined);
  const [showProblems, setShowProblems] = useState(false);
  /** The last text the builder wrote: the same text coming back as a prop needs no re-reading. */
  const written = useRef(text);
  const readWith = useRef(fields);

  useEffect(() => {
    if (text === written.current && fields === readWith.current) return;
    written.current = text;
    readWith.current = fields;
    const read = parseFilter(text, fields);
    setDetached(read === undefined);
    if (read) setRows(read);
  }, [text, fields]);

  const built = useMemo(() => buildFilter(rows, fields), [rows, fields]);
  const problems = showProblems && !built.ok ? built.problems : [];

  const changeRows = (next: FilterState) => {
    setRows(next);
    setDetached(false);
    const result = buildFilter(next, fields);
    if (result.ok) {
      setShowProblems(false);
      written.current = result.text;
      onTextChange(result.text);
    }
  };

  return (
    // noValidate: the builder checks its values itself and says why in words (a browser would
    // silently refuse, e.g., 1.5 days in a number input).
    <form
      className="plinth-filter"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!detached && !built.ok) {
          setShowProblems(true);
          setOpen(true);
          return;
        }
        onApply(text.trim());
      }}
    >
      {open && (
        <div className="plinth-filter-builder-box">
          <FilterBuilder
            fields={fields}
            state={rows}
            onChange={changeRows}
            problems={problems}
            locale={locale}
            {...(lookup ? { lookup } : {})}
          />
          {detached && <Alert type="info" showIcon title={t("builderDetached")} style={{ marginTop: 8 }} />}
        </div>
      )}
      <Space.Compact style={{ width: "100%" }}>
        <Button
          icon={<FunnelPlotOutlined aria-hidden />}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="plinth-filter-toggle"
        >
          {open ? t("hideBuilder") : t("showBuilder")}
        </Button>
        <Input
          aria-label={t("filter")}
          placeholder={t("filterPlaceholder")}
          value={text}
          onChange={(event) => onTextChange(event.target.value)}
          status={error !== undefined ? "error" : undefined}
          allowClear
        />
        <Button type="primary" htmlType="submit">
          {t("apply")}
        </Button>
        <Button
          onClick={() => {
            written.current = "";
            setRows(EMPTY_FILTER);
            setDetached(false);
            setShowProblems(false);
            onClear();
          }}
        >
          {t("clear")}
        </Button>
      </Space.Compact>
    </form>
  );
}
