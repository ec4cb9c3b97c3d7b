import {
  type App,
  compileFormulaText,
  createAppScope,
  type EntityProgram,
  type EvalEnv,
  type Field,
  FieldTypes,
  type Formula,
  hasErrors,
  type Issue,
  indexApp,
  type RecordContext,
  type RecordValues,
  type Runtime,
  recordDefaults,
} from "@plinth/runtime";
import { createStore, type StoreApi } from "zustand/vanilla";

/**
 * What one field slot renders. Slices are replaced only when something in them changed,
 * so a component that selects `fields[id]` re-renders only for its own field.
 */
export interface FieldSlice {
  /** The value as typed (computed fields: the value the core computed). */
  readonly value: unknown;
  /** Issues to show now: the core's (once the field was touched or a submit was tried) and the server's. */
  readonly issues: readonly Issue[];
  readonly visible: boolean;
  readonly required: boolean;
  readonly readOnly: boolean;
}

export interface FormState {
  /** Values as typed, plus the computed fields' values from the core. */
  readonly values: RecordValues;
  /** The core's normalised record (defaults, blanks as null, computed fields): what is submitted. */
  readonly record: RecordValues;
  readonly touched: Readonly<Record<string, true>>;
  /** Every issue the core found in the current values, shown or not. */
  readonly issues: readonly Issue[];
  /** Issues the server returned for the last submit, until their field is edited. */
  readonly serverIssues: readonly Issue[];
  /** Issues that belong to no field of the form (the record as a whole, unknown paths). */
  readonly formIssues: readonly Issue[];
  readonly fields: Readonly<Record<string, FieldSlice>>;
  readonly dirty: boolean;
  readonly submitAttempted: boolean;
}

export interface CreateFormStoreOptions {
  /** A valid app (as returned by `validateApp`). */
  readonly app: App;
  readonly entity: string;
  /** The stored record (update) or prefilled values (create). */
  readonly initial?: Readonly<RecordValues>;
  /** Mode, clock, user and lookups, as the core's `validateRecord` takes them. */
  readonly context: RecordContext;
  readonly runtime: Runtime;
}

/** A form's state and the operations on it; React components subscribe through `api`. */
export interface FormStore {
  readonly api: StoreApi<FormState>;
  readonly app: App;
  readonly entity: string;
  /** The entity's fields (system fields included), by id. */
  fieldOf(id: string): Field | undefined;
  setValue(field: string, value: unknown): void;
  /** Mark a field touched so that its issues show (on blur). */
  touch(field: string): void;
  /** Show every issue (a submit was tried). Returns the state after. */
  touchAll(): FormState;
  /** Put server issues (JSON Pointers into the record) under their fields. */
  applyServerIssues(issues: readonly Issue[]): void;
  /** Back to `values` (default: the initial values), not dirty. */
  reset(values?: Readonly<RecordValues>): void;
  isDirty(): boolean;
  /** The values to send: the core's normalised record restricted to input fields. */
  submitValues(): RecordValues;
  /** True when the core found errors in the current values. */
  hasErrors(): boolean;
  /** A selector for one field's slice. */
  selectField(field: string): (state: FormState) => FieldSlice;
  /** A selector for a layout condition (`visibleWhen` of a node); the formula is compiled once. */
  selectCondition(formula: string | undefined): (state: FormState) => boolean;
}

const hiddenSlice: FieldSlice = { value: null, issues: [], visible: false, required: false, readOnly: true };

function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  return a.length === b.length && a.every((x, i) => x.code === b[i]?.code && x.message.en === b[i]?.message.en);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return (a === "" || a === undefined || a === null) && (b === "" || b === undefined || b === null);
}

function sameSlice(a: FieldSlice, b: FieldSlice): boolean {
  return (
    sameValue(a.value, b.value) &&
    a.visible === b.visible &&
    a.required === b.required &&
    a.readOnly === b.readOnly &&
    sameIssues(a.issues, b.issues)
  );
}

/** The first token of a record pointer: `/amount` and `/tags/1` belong to their field. */
function fieldOfPointer(path: string): string | undefined {
  if (!path.startsWith("/")) return undefined;
  const token = path.slice(1).split("/")[0] ?? "";
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

type ConditionCompiler = (text: string) => Formula | undefined;

// Compiled conditions by runtime, app and entity: every form of an entity shares them, so
// opening a form does not parse and type-check its conditions again (like the runtime's own
// entity programs, cached per app object).
const compilers = new WeakMap<Runtime, WeakMap<App, Map<string, ConditionCompiler>>>();

/** The (cached) compiler of `visibleWhen`-style conditions over one entity's record. */
function conditionCompiler(runtime: Runtime, app: App, entity: string): ConditionCompiler {
  let byApp = compilers.get(runtime);
  if (!byApp) {
    byApp = new WeakMap();
    compilers.set(runtime, byApp);
  }
  let byEntity = byApp.get(app);
  if (!byEntity) {
    byEntity = new Map();
    byApp.set(app, byEntity);
  }
  let compiler = byEntity.get(entity);
  if (!compiler) {
    const model = indexApp(app);
    const scope = createAppScope(new FieldTypes(model, runtime.functions), model, entity);
    const formulas = new Map<string, Formula | undefined>();
    compiler = (text) => {
      if (!formulas.has(text)) {
        const result = compileFormulaText(text, scope, runtime.functions);
        formulas.set(text, result.ok ? result.formula : undefined);
      }
      return formulas.get(text);
    };
    byEntity.set(entity, compiler);
  }
  return compiler;
}

/**
 * Create the store of one form. Every change re-runs the core's `validateRecord`, which
 * computes formula fields and reports issues; `visibleWhen`, `requiredWhen` and
 * `readOnlyWhen` formulas are compiled once per app and entity and evaluated on the normalised record.
 *
 * @example
 * const form = createFormStore({ app, entity: "opportunity", context, runtime });
 * form.setValue("amount", 1000);
 * form.api.getState().fields.expected_revenue?.value;
 */
export function createFormStore(options: CreateFormStoreOptions): FormStore {
  const { app, entity, context, runtime } = options;
  const program: EntityProgram | undefined = runtime.entityProgram(app, entity);
  if (!program) throw new Error(`The app has no entity '${entity}'.`);
  const compiled = conditionCompiler(runtime, app, entity);
  const env: EvalEnv = {
    today: context.today,
    now: context.now,
    user: context.user,
    old: context.old,
    lookup: context.lookup ?? (() => null),
  };

  /** A condition that fails to compile or to evaluate counts as `fallback`. */
  const holds = (text: string | undefined, record: RecordValues, fallback: boolean): boolean => {
    if (text === undefined) return fallback;
    const result = compiled(text)?.evaluate(record, env);
    return result?.ok ? result.value === true : fallback;
  };

  const fields = new Map<string, Field>([...program.entity.fields].map(([id, located]) => [id, located.value]));
  const inputIds = [...program.inputs.keys()];
  const computedIds = new Set(program.computed.map((c) => c.field.id));

  // A new record starts from the fields' defaults (`$user`, `$today`, literals), as the core fills them on save.
  let initial: RecordValues = {
    ...(context.mode === "create"
      ? recordDefaults(
          inputIds.flatMap((id) => fields.get(id) ?? []),
          context,
        )
      : {}),
    ...(options.initial ?? {}),
  };

  const derive = (
    values: RecordValues,
    touched: Readonly<Record<string, true>>,
    serverIssues: readonly Issue[],
    submitAttempted: boolean,
    previous: FormState | undefined,
  ): Omit<FormState, "touched" | "serverIssues" | "submitAttempted"> => {
    const result = runtime.validateRecord(
      app,
      entity,
      Object.fromEntries(inputIds.filter((id) => id in values).map((id) => [id, values[id]])),
      context,
    );
    const record = result.value;
    const shownValues: RecordValues = { ...values };
    for (const id of computedIds) shownValues[id] = record[id] ?? null;

    const byField = new Map<string, Issue[]>();
    const formIssues: Issue[] = [];
    const place = (issue: Issue) => {
      const id = fieldOfPointer(issue.path);
      if (id === undefined || !fields.has(id)) formIssues.push(issue);
      else byField.set(id, [...(byField.get(id) ?? []), issue]);
    };
    for (const issue of result.issues) {
      const id = fieldOfPointer(issue.path);
      if (submitAttempted || (id !== undefined && touched[id])) place(issue);
    }
    for (const issue of serverIssues) place(issue);

    const slices: Record<string, FieldSlice> = {};
    for (const [id, field] of fields) {
      const computed = !program.inputs.has(id);
      const next: FieldSlice = {
        value: shownValues[id] ?? null,
        issues: byField.get(id) ?? [],
        visible: !field.hidden && holds(field.visibleWhen, record, true),
        required: !computed && (field.required === true || holds(field.requiredWhen, record, false)),
        readOnly: computed || field.readOnly === true || holds(field.readOnlyWhen, record, false),
      };
      const before = previous?.fields[id];
      slices[id] = before && sameSlice(before, next) ? before : next;
    }
    const dirty = inputIds.some((id) => !sameValue(values[id], initial[id]));
    const sameFormIssues = previous !== undefined && sameIssues(previous.formIssues, formIssues);
    return {
      values: shownValues,
      record,
      issues: result.issues,
      formIssues: sameFormIssues ? previous.formIssues : formIssues,
      fields: slices,
      dirty,
    };
  };

  const start = (values: RecordValues): FormState => ({
    ...derive(values, {}, [], false, undefined),
    touched: {},
    serverIssues: [],
    submitAttempted: false,
  });

  const api = createStore<FormState>()(() => start(initial));

  const update = (patch: Partial<Pick<FormState, "values" | "touched" | "serverIssues" | "submitAttempted">>) => {
    const s = { ...api.getState(), ...patch };
    api.setState({
      ...derive(s.values, s.touched, s.serverIssues, s.submitAttempted, api.getState()),
      touched: s.touched,
      serverIssues: s.serverIssues,
      submitAttempted: s.submitAttempted,
    });
  };

  const conditionSelectors = new Map<string, (state: FormState) => boolean>();
  const always = () => true;

  return {
    api,
    app,
    entity,
    fieldOf: (id) => fields.get(id),
    setValue(field, value) {
      const s = api.getState();
      update({
        values: { ...s.values, [field]: value },
        touched: s.touched[field] ? s.touched : { ...s.touched, [field]: true },
        serverIssues: s.serverIssues.filter((i) => fieldOfPointer(i.path) !== field),
      });
    },
    touch(field) {
      const s = api.getState();
      if (!s.touched[field]) update({ touched: { ...s.touched, [field]: true } });
    },
    touchAll() {
      if (!api.getState().submitAttempted) update({ submitAttempted: true });
      return api.getState();
    },
    applyServerIssues(issues) {
      update({ serverIssues: issues.filter((i) => i.severity !== "warning") });
    },
    reset(values) {
      initial = { ...(values ?? initial) };
      api.setState(start(initial));
    },
    isDirty: () => api.getState().dirty,
    submitValues() {
      const { record } = api.getState();
      return Object.fromEntries(inputIds.map((id) => [id, record[id] ?? null]));
    },
    hasErrors: () => hasErrors(api.getState().issues),
    selectField: (field) => (state) => state.fields[field] ?? hiddenSlice,
    selectCondition(formula) {
      if (formula === undefined) return always;
      let selector = conditionSelectors.get(formula);
      if (!selector) {
        selector = (state) => holds(formula, state.record, true);
        conditionSelectors.set(formula, selector);
      }
      return selector;
    },
  };
}
