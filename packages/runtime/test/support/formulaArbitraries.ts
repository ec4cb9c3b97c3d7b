import fc from "fast-check";
import type { TypedTree } from "../../src/expr/compileTree.js";
import { standardFunctions } from "../../src/expr/functions/index.js";
import { type FormulaType, T } from "../../src/expr/types.js";
import type { EvalEnv } from "../../src/expr/values.js";
import { tt } from "./typedTree.js";

/** The fixed entity of the property test: one field of every kind (two of most). */
export const stageType: FormulaType = { kind: "text", options: ["open", "won", "lost", "Ünïcode 😀"] };
export const tagsType: FormulaType = { kind: "list", options: ["vip", "new", "中文"] };

export const FIELDS = {
  n1: T.number,
  n2: T.number,
  n3: T.number,
  t1: T.text,
  t2: T.text,
  stage: stageType,
  f1: T.boolean,
  f2: T.boolean,
  d1: T.date,
  d2: T.date,
  dt1: T.datetime,
  dt2: T.datetime,
  tags: tagsType,
} as const satisfies Record<string, FormulaType>;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

/** SQLite column type of each field kind. */
export function columnType(type: FormulaType): string {
  return type.kind === "number" ? "REAL" : type.kind === "boolean" ? "INTEGER" : "TEXT";
}

export const ENV: EvalEnv = {
  today: "2026-03-15",
  now: "2026-03-15T10:20:30.456Z",
  user: { id: "u-1", region: "华东", team: null, roles: ["admin"] },
  lookup: () => null,
};

const CHARS = ["a", "b", "B", "z", " ", "-", "1", ".", "é", "中", "😀", "𝔸", "\uE000", "\uFFFD", "ß", "A"];
const textValue = fc.oneof(
  fc.constantFrom("", " ", "a", "won", "ab", "a b", "中文", "😀", "\uE000", "abcabc", "  pad  "),
  fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((chars) => chars.join("")),
);
const numberValue = fc.oneof(
  fc.constantFrom(0, 1, -1, 2, 0.5, -0.5, 1.5, -2.5, 2.345, 100, 1e6, -0.1, 0.1, 3, 12, 13, 31, -13),
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -2000, max: 2000 }).map((n) => n + 0.5),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);
const dateValue = fc.oneof(
  fc.constantFrom("0001-01-01", "9999-12-31", "2024-02-29", "2026-01-31", "2026-12-31", "1970-01-01", "2000-03-01"),
  fc
    .record({
      y: fc.integer({ min: 1, max: 9999 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ y, m, d }) => {
      const last =
        new Date(Date.UTC(2000, m, 0)).getUTCDate() === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))
          ? 28
          : new Date(Date.UTC(2000, m, 0)).getUTCDate();
      return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
    }),
  fc
    .integer({ min: 1990, max: 2030 })
    .chain((y) =>
      fc
        .integer({ min: 1, max: 12 })
        .chain((m) =>
          fc
            .integer({ min: 1, max: 28 })
            .map((d) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
        ),
    ),
);
const timeValue = fc
  .record({
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    ms: fc.integer({ min: 0, max: 999 }),
  })
  .map(
    ({ h, mi, s, ms }) =>
      `T${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(ms).padStart(3, "0")}Z`,
  );
const datetimeValue = fc.tuple(dateValue, timeValue).map(([d, t]) => d + t);

function maybe<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: arb });
}

/** A random record of the entity; every field may be blank. */
export const recordArb = fc.record({
  n1: maybe(numberValue),
  n2: maybe(numberValue),
  n3: maybe(numberValue),
  t1: maybe(textValue),
  t2: maybe(textValue),
  stage: maybe(fc.constantFrom("open", "won", "lost", "Ünïcode 😀")),
  f1: maybe(fc.boolean()),
  f2: maybe(fc.boolean()),
  d1: maybe(dateValue),
  d2: maybe(dateValue),
  dt1: maybe(datetimeValue),
  dt2: maybe(datetimeValue),
  tags: maybe(fc.subarray(["vip", "new", "中文"])),
});

export type Kind = "number" | "text" | "boolean" | "date" | "datetime";
type Gen = (kind: Kind, depth: number) => fc.Arbitrary<TypedTree>;

const F = standardFunctions;
const call = (name: string, ...args: TypedTree[]): TypedTree => tt.call(F, name, args);
const fieldsOf = (kind: Kind): TypedTree[] =>
  FIELD_NAMES.filter((name) => FIELDS[name].kind === kind).map((name) => tt.field(name, FIELDS[name]));

function leaf(kind: Kind): fc.Arbitrary<TypedTree> {
  const fields = fc.constantFrom(...fieldsOf(kind));
  switch (kind) {
    case "number":
      return fc.oneof(fields, fields, numberValue.map(tt.num), fc.constant(tt.blank()));
    case "text":
      return fc.oneof(
        fields,
        fields,
        textValue.map(tt.str),
        fc.constant(tt.variable(["user", "id"], T.text)),
        fc.constant(tt.variable(["user", "region"], T.text)),
      );
    case "boolean":
      return fc.oneof(fields, fields, fc.boolean().map(tt.bool), fc.constant(tt.blank()));
    case "date":
      return fc.oneof(fields, fields, fc.constant(call("TODAY")), fc.constant(tt.variable(["today"], T.date)));
    case "datetime":
      return fc.oneof(fields, fields, fc.constant(call("NOW")), fc.constant(tt.variable(["now"], T.datetime)));
  }
}

const UNITS = ["day", "week", "month", "year"] as const;
const unit = fc.constantFrom(...UNITS).map(tt.str);
const anyKind = fc.constantFrom<Kind>("number", "text", "boolean", "date", "datetime");

/** Expressions generic in their result type: IF, IFS, SWITCH, COALESCE, BLANK. */
function generic(gen: Gen, kind: Kind, d: number): fc.Arbitrary<TypedTree> {
  const same = gen(kind, d);
  const cond = gen("boolean", d);
  return fc.oneof(
    fc
      .tuple(cond, same, fc.option(same, { nil: undefined }))
      .map(([c, a, b]) => (b ? call("IF", c, a, b) : call("IF", c, a))),
    fc.tuple(cond, same, cond, same).map(([c1, a, c2, b]) => call("IFS", c1, a, c2, b)),
    fc
      .tuple(fc.constantFrom<Kind>("number", "text", "boolean", "date"), fc.boolean())
      .chain(([k, withDefault]) =>
        fc
          .tuple(gen(k, d), gen(k, 0), same, gen(k, 0), same, same)
          .map(([x, m1, r1, m2, r2, def]) =>
            withDefault ? call("SWITCH", x, m1, r1, m2, r2, def) : call("SWITCH", x, m1, r1, m2, r2),
          ),
      ),
    fc.array(same, { minLength: 1, maxLength: 3 }).map((args) => call("COALESCE", ...args)),
    same.map((a) => call("COALESCE", tt.blank(), a)),
  );
}

function numberExpr(gen: Gen, d: number): fc.Arbitrary<TypedTree> {
  const n = gen("number", d);
  const smallInt = fc.integer({ min: -3, max: 4 }).map(tt.num);
  const dateLike = fc.oneof(gen("date", d), gen("datetime", d));
  return fc.oneof(
    n.map(tt.neg),
    fc.tuple(fc.constantFrom("+", "-", "*", "/"), n, n).map(([op, a, b]) => tt.bin(op, a, b)),
    gen("text", d).map((t) => call("LEN", t)),
    fc.tuple(gen("text", d), gen("text", d)).map(([search, t]) => call("FIND", search, t)),
    gen("text", d).map((t) => call("VALUE", t)),
    fc
      .tuple(n, fc.oneof(smallInt, n), fc.boolean())
      .map(([x, digits, one]) => (one ? call("ROUND", x) : call("ROUND", x, digits))),
    fc.tuple(fc.constantFrom("FLOOR", "CEIL", "ABS", "SQRT"), n).map(([name, x]) => call(name, x)),
    fc
      .tuple(fc.constantFrom("MIN", "MAX"), fc.array(n, { minLength: 1, maxLength: 3 }))
      .map(([name, xs]) => call(name, ...xs)),
    fc.tuple(n, n, n).map(([x, lo, hi]) => call("CLAMP", x, lo, hi)),
    fc.tuple(n, n).map(([a, b]) => call("MOD", a, b)),
    fc.tuple(n, fc.oneof(smallInt, fc.constantFrom(0.5, 2, -1, 3).map(tt.num), n)).map(([a, b]) => call("POWER", a, b)),
    fc.tuple(fc.constantFrom("YEAR", "MONTH", "DAY", "QUARTER", "WEEKDAY"), dateLike).map(([name, x]) => call(name, x)),
    fc.tuple(dateLike, dateLike, unit).map(([a, b, u]) => call("DATEDIFF", a, b, u)),
    generic(gen, "number", d),
  );
}

function textExpr(gen: Gen, d: number): fc.Arbitrary<TypedTree> {
  const t = gen("text", d);
  const n = gen("number", d);
  const textish = fc
    .constantFrom<Kind>("text", "text", "boolean", "date", "datetime", "number")
    .chain((k) => gen(k, d));
  return fc.oneof(
    fc.tuple(textish, textish).map(([a, b]) => tt.bin("&", a, b)),
    fc.array(textish, { minLength: 1, maxLength: 3 }).map((xs) => call("CONCAT", ...xs)),
    fc.tuple(fc.constantFrom("UPPER", "LOWER", "TRIM"), t).map(([name, x]) => call(name, x)),
    fc
      .tuple(fc.constantFrom("LEFT", "RIGHT"), t, fc.oneof(fc.integer({ min: -2, max: 8 }).map(tt.num), n))
      .map(([name, x, k]) => call(name, x, k)),
    fc.tuple(t, t, t).map(([a, b, c]) => call("REPLACE", a, b, c)),
    t.map((x) => tt.bin("&", x, tt.str(""))),
    textish.map((x) => call("TEXT", x)),
    generic(gen, "text", d),
  );
}

function booleanExpr(gen: Gen, d: number): fc.Arbitrary<TypedTree> {
  const b = gen("boolean", d);
  const t = gen("text", d);
  const comparable = fc.constantFrom<Kind>("number", "text", "date", "datetime");
  return fc.oneof(
    fc.tuple(fc.constantFrom("AND", "OR"), b, b).map(([op, x, y]) => tt.bin(op, x, y)),
    b.map(tt.not),
    fc
      .tuple(fc.constantFrom("AND", "OR"), fc.array(b, { minLength: 1, maxLength: 3 }))
      .map(([name, xs]) => call(name, ...xs)),
    b.map((x) => call("NOT", x)),
    fc
      .tuple(comparable, fc.constantFrom("=", "<>", "<", "<=", ">", ">="))
      .chain(([k, op]) => fc.tuple(gen(k, d), gen(k, d)).map(([x, y]) => tt.bin(op, x, y))),
    fc.tuple(b, b, fc.constantFrom("=", "<>")).map(([x, y, op]) => tt.bin(op, x, y)),
    fc
      .constantFrom<Kind>("number", "text", "boolean", "date")
      .chain((k) => fc.tuple(gen(k, d), fc.array(gen(k, 0), { maxLength: 3 })).map(([x, xs]) => tt.in(x, xs))),
    anyKind.chain((k) => gen(k, d)).map((x) => call("ISBLANK", x)),
    fc.constant(call("ISBLANK", tt.field("tags", tagsType))),
    fc.tuple(fc.constantFrom("CONTAINS", "STARTSWITH", "ENDSWITH"), t, t).map(([name, x, y]) => call(name, x, y)),
    fc
      .oneof(t, fc.constantFrom("vip", "new", "中文", "x").map(tt.str))
      .map((x) => call("INCLUDES", tt.field("tags", tagsType), x)),
    generic(gen, "boolean", d),
  );
}

function dateExpr(gen: Gen, kind: "date" | "datetime", d: number): fc.Arbitrary<TypedTree> {
  const n = gen("number", d);
  const smallNumber = fc.oneof(
    fc.integer({ min: -40, max: 40 }).map(tt.num),
    fc.constantFrom(1.5, -0.5, 12, 13, 0, 1e7).map(tt.num),
    n,
  );
  const own = gen(kind, d);
  const extra: fc.Arbitrary<TypedTree>[] =
    kind === "date"
      ? [
          fc
            .tuple(fc.oneof(fc.integer({ min: -1, max: 10001 }).map(tt.num), n), smallNumber, smallNumber)
            .map(([y, m, dd]) => call("DATE", y, m, dd)),
          gen("datetime", d).map((x) => call("DATEVALUE", x)),
          gen("date", d).map((x) => call("DATEVALUE", x)),
        ]
      : [];
  return fc.oneof(
    fc.tuple(own, smallNumber, unit).map(([x, k, u]) => call("DATEADD", x, k, u)),
    ...extra,
    generic(gen, kind, d),
  );
}

const cache = new Map<string, fc.Arbitrary<TypedTree>>();

/** A random well-typed expression of `kind`, nested at most `depth` levels. */
export const expressionOf: Gen = (kind, depth) => {
  const key = `${kind}:${depth}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const built = buildExpression(kind, depth);
  cache.set(key, built);
  return built;
};

function buildExpression(kind: Kind, depth: number): fc.Arbitrary<TypedTree> {
  if (depth <= 0) return leaf(kind);
  const d = depth - 1;
  const inner: Record<Kind, () => fc.Arbitrary<TypedTree>> = {
    number: () => numberExpr(expressionOf, d),
    text: () => textExpr(expressionOf, d),
    boolean: () => booleanExpr(expressionOf, d),
    date: () => dateExpr(expressionOf, "date", d),
    datetime: () => dateExpr(expressionOf, "datetime", d),
  };
  let built: fc.Arbitrary<TypedTree> | undefined;
  const lazyInner = fc.constant(null).chain(() => {
    built ??= inner[kind]();
    return built;
  });
  return fc.oneof({ weight: 1, arbitrary: leaf(kind) }, { weight: 2, arbitrary: lazyInner });
}
