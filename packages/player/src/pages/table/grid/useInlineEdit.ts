import {
  type App,
  type DataSource,
  isDataSourceError,
  type Locale,
  type Runtime,
  type SourceUser,
} from "@plinth/runtime";
import { useCallback, useMemo, useRef, useState } from "react";
import { errorText } from "../../../data/errors.js";
import type { RecordJson } from "../../../data/records.js";

/** A cell: the record's id and the field's id. */
export interface CellRef {
  readonly rowId: string;
  readonly field: string;
}

/** Record ids and field ids never hold a colon. */
export const cellKey = (rowId: string, field: string) => `${rowId}:${field}`;

/** Inline editing of a table: which cell is open, saving, and the messages left on cells. */
export interface InlineEdit {
  readonly editing?: CellRef | undefined;
  readonly saving: boolean;
  /** Messages of cells whose save failed, by {@link cellKey}. */
  readonly errors: ReadonlyMap<string, string>;
  start(rowId: string, field: string): void;
  cancel(): void;
  /** The core's message for a value of the field on this record, or undefined when it is fine. */
  validate(record: RecordJson, field: string, value: unknown): string | undefined;
  commit(record: RecordJson, field: string, value: unknown): void;
}

export interface InlineEditOptions {
  readonly app: App;
  readonly entity: string;
  readonly source: Pick<DataSource, "update" | "get">;
  readonly runtime: Runtime;
  readonly user: SourceUser | undefined;
  readonly locale: Locale;
  /** Put the record as the server now has it in the table. */
  readonly replace: (record: RecordJson) => void;
  /** The message for a stale version (someone saved meanwhile). */
  readonly conflictText: string;
}

function today(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Edit one cell at a time through the data source's `update`, at the version the row was read
 * with. Before sending, the core's `validateRecord` checks the change (so its messages are the
 * server's); after a refusal the cell keeps its old value and shows why; a stale version reloads
 * the row and says that someone else changed it.
 */
export function useInlineEdit(options: InlineEditOptions): InlineEdit {
  const { app, entity, source, runtime, user, locale, replace, conflictText } = options;
  const [editing, setEditing] = useState<CellRef>();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const busy = useRef(false);
  // The table holds only the fields it shows; an open cell checks and saves against the whole
  // record, read when the cell opens (until it arrives, the row's fields are what there is).
  const whole = useRef(new Map<string, RecordJson>());
  const full = useCallback((record: RecordJson) => {
    const found = whole.current.get(record.id);
    return found && Number(found.version) >= Number(record.version) ? { ...found, ...record } : record;
  }, []);

  const setError = useCallback((key: string, message: string | undefined) => {
    setErrors((old) => {
      if (message === undefined && !old.has(key)) return old;
      const next = new Map(old);
      if (message === undefined) next.delete(key);
      else next.set(key, message);
      return next;
    });
  }, []);

  const start = useCallback(
    (rowId: string, field: string) => {
      if (busy.current) return;
      setError(cellKey(rowId, field), undefined);
      setEditing({ rowId, field });
      source.get(entity, rowId).then(
        (record) => whole.current.set(rowId, record as RecordJson),
        () => undefined, // the row's own fields are checked; the server judges the rest
      );
    },
    [setError, source, entity],
  );

  const cancel = useCallback(() => {
    if (!busy.current) setEditing(undefined);
  }, []);

  const validate = useCallback(
    (record: RecordJson, field: string, value: unknown) => {
      if (!user) return undefined;
      const now = new Date();
      const result = runtime.validateRecord(
        app,
        entity,
        { [field]: value },
        {
          mode: "update",
          old: full(record),
          today: today(now),
          now: now.toISOString(),
          user: { ...user.attributes, id: user.id, roles: user.roles },
        },
      );
      // Only this field's errors stop the edit: others (a rule on fields this user cannot see)
      // are the server's to judge.
      const issue = result.issues.find(
        (i) => i.severity === "error" && (i.path === `/${field}` || i.path.startsWith(`/${field}/`)),
      );
      return issue?.message[locale];
    },
    [app, entity, runtime, user, locale, full],
  );

  const commit = useCallback(
    (record: RecordJson, field: string, value: unknown) => {
      if (busy.current) return;
      busy.current = true;
      setSaving(true);
      const key = cellKey(record.id, field);
      source
        .update(entity, record.id, Number(record.version), { [field]: value })
        .then(
          (saved) => {
            whole.current.delete(record.id);
            replace(saved as RecordJson);
          },
          async (error: unknown) => {
            if (isDataSourceError(error) && error.status === 409 && error.code === "http.conflict") {
              setError(key, conflictText);
              // The 409 carries the record as it is now (when the user may read it); else read it.
              const current = error.details.record as RecordJson | undefined;
              const fresh =
                current?.id === record.id ? current : await source.get(entity, record.id).catch(() => undefined);
              if (fresh) replace(fresh as RecordJson);
              return;
            }
            setError(key, errorText(error, locale));
          },
        )
        .finally(() => {
          busy.current = false;
          setSaving(false);
          setEditing(undefined);
        });
    },
    [source, entity, replace, setError, conflictText, locale],
  );

  return useMemo(
    () => ({ editing, saving, errors, start, cancel, validate, commit }),
    [editing, saving, errors, start, cancel, validate, commit],
  );
}
