/**
 * The form UI benchmark (issue 5): a 200-field form in headless Chromium, three contenders side
 * by side in one run: a hand-written React 19 form (the baseline), @rjsf/core with the equivalent
 * JSON Schema, and Plinth's FormRenderer. Two measures:
 *
 * - first render: from `createRoot` to the form painted (all 200 controls in the DOM);
 * - keystroke to commit: from the keydown of a real key press (Playwright, through Chromium's
 *   input pipeline) in field 1 and in field 200 until React committed the field's new value.
 *
 * Contenders are interleaved round by round (their order rotating), after untimed warm-up
 * rounds; the median round is reported with its ratio to the hand-written form.
 */
import { formatTable, median } from "../../harness.js";
import { openBenchSession } from "../browser.js";
import { FORM_FIELD_COUNT } from "./fixture.js";
import { CONTENDERS, type ContenderName, type MountResult } from "./protocol.js";

/** Issue 5's targets for Plinth. */
export const FORM_TARGETS = { firstRenderRatio: 1.5, keystrokeRatio: 2 } as const;

/** The two fields the keystrokes go into: the first and the last. */
export const KEYSTROKE_FIELDS = [1, FORM_FIELD_COUNT] as const;

export interface FormUiBenchOptions {
  /** Untimed rounds first: the JIT warms up and lazily loaded widgets arrive. */
  readonly warmup?: number;
  /** Timed rounds; the median is reported (at least 7). */
  readonly rounds?: number;
  /** Key presses per field per round; the round's figure is their median. */
  readonly keystrokes?: number;
}

/** One measure of one contender. */
export interface MeasureResult {
  /** One figure per timed round, in milliseconds. */
  readonly samples: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  /** Median over the hand-written form's median. */
  readonly ratio: number;
}

export interface FormContenderResult {
  readonly name: ContenderName;
  /** Created, rendered, committed, laid out and painted. */
  readonly firstRender: MeasureResult;
  /** The commit part of the first render alone (informative). */
  readonly firstCommit: MeasureResult;
  /** Keystroke to commit, by field position. */
  readonly keystroke: Readonly<Record<(typeof KEYSTROKE_FIELDS)[number], MeasureResult>>;
}

export interface FormTargetResult {
  readonly name: string;
  readonly detail: string;
  readonly pass: boolean;
}

export interface FormUiBenchResult {
  readonly browser: string;
  readonly fields: number;
  readonly warmup: number;
  readonly rounds: number;
  readonly keystrokes: number;
  readonly contenders: readonly FormContenderResult[];
  readonly targets: readonly FormTargetResult[];
}

type Samples = { render: number[]; commit: number[]; keys: Record<number, number[]> };

function summarise(samples: readonly number[], baseline: readonly number[]): MeasureResult {
  const medianMs = median(samples);
  return { samples, medianMs, minMs: Math.min(...samples), ratio: medianMs / median(baseline) };
}

/** Run the benchmark in a freshly built page and a fresh headless Chromium. */
export async function runFormUiBench(options: FormUiBenchOptions = {}): Promise<FormUiBenchResult> {
  const warmup = options.warmup ?? 3;
  const rounds = Math.max(7, options.rounds ?? 15);
  const keystrokes = Math.max(1, options.keystrokes ?? 3);
  const session = await openBenchSession({ pages: { form: "bench/ui/form/page.tsx" } });
  try {
    const { page, errors } = await session.open("form");
    const call = {
      mount: (name: ContenderName) => page.evaluate((n) => window.formBench?.mount(n), name),
      focus: (position: number) => page.evaluate((p) => window.formBench?.focusField(p), position),
      arm: () => page.evaluate(() => window.formBench?.armKeystroke()),
      keystroke: () => page.evaluate(() => window.formBench?.keystrokeMs()),
      unmount: () => page.evaluate(() => window.formBench?.unmount()),
    };
    const samples = new Map<ContenderName, Samples>(
      CONTENDERS.map((name) => [name, { render: [], commit: [], keys: { 1: [], [FORM_FIELD_COUNT]: [] } }]),
    );

    for (let round = 0; round < warmup + rounds; round++) {
      const timed = round >= warmup;
      // Rotate the order so that no contender always runs right after the same other one.
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length] as ContenderName);
      for (const name of order) {
        const own = samples.get(name) as Samples;
        const mounted: MountResult | undefined = await call.mount(name);
        if (!mounted || mounted.controls !== FORM_FIELD_COUNT) {
          throw new Error(`${name} rendered ${mounted?.controls} controls, not ${FORM_FIELD_COUNT}.`);
        }
        if (timed && !mounted.complete) throw new Error(`${name} still showed stand-ins after the warm-up rounds.`);
        if (timed) {
          own.render.push(mounted.paintMs);
          own.commit.push(mounted.commitMs);
        }
        for (const position of KEYSTROKE_FIELDS) {
          const label = await call.focus(position);
          if (!label?.startsWith(`Field ${position} (`)) {
            throw new Error(`${name}: control ${position} is labelled '${label}', not field ${position}.`);
          }
          const presses: number[] = [];
          for (let k = 0; k < keystrokes; k++) {
            await call.arm();
            await page.keyboard.type("x");
            const ms = await call.keystroke();
            if (ms === undefined) throw new Error("The bench page lost its API.");
            presses.push(ms);
          }
          if (timed) own.keys[position]?.push(median(presses));
        }
        await call.unmount();
      }
    }
    if (errors().length > 0) throw new Error(`The bench page reported errors:\n${errors().join("\n")}`);

    const base = samples.get("hand-written") as Samples;
    const contenders: FormContenderResult[] = CONTENDERS.map((name) => {
      const own = samples.get(name) as Samples;
      return {
        name,
        firstRender: summarise(own.render, base.render),
        firstCommit: summarise(own.commit, base.commit),
        keystroke: {
          1: summarise(own.keys[1] ?? [], base.keys[1] ?? []),
          [FORM_FIELD_COUNT]: summarise(own.keys[FORM_FIELD_COUNT] ?? [], base.keys[FORM_FIELD_COUNT] ?? []),
        } as FormContenderResult["keystroke"],
      };
    });
    return {
      browser: session.browserVersion,
      fields: FORM_FIELD_COUNT,
      warmup,
      rounds,
      keystrokes,
      contenders,
      targets: targetsOf(contenders),
    };
  } finally {
    await session.close();
  }
}

const ratio = (value: number) => `${value.toFixed(2)}x`;
const ms = (value: number) => value.toFixed(2);

function targetsOf(contenders: readonly FormContenderResult[]): FormTargetResult[] {
  const plinth = contenders.find((c) => c.name === "Plinth");
  const rjsf = contenders.find((c) => c.name === "@rjsf/core");
  if (!plinth || !rjsf) return [];
  const keys = KEYSTROKE_FIELDS.map((p) => plinth.keystroke[p].ratio);
  return [
    {
      name: `Plinth first render <= ${FORM_TARGETS.firstRenderRatio}x hand-written`,
      detail: ratio(plinth.firstRender.ratio),
      pass: plinth.firstRender.ratio <= FORM_TARGETS.firstRenderRatio,
    },
    {
      name: "Plinth first render faster than @rjsf/core",
      detail: `${ms(plinth.firstRender.medianMs)} ms vs ${ms(rjsf.firstRender.medianMs)} ms`,
      pass: plinth.firstRender.medianMs < rjsf.firstRender.medianMs,
    },
    {
      name: `Plinth keystroke to commit <= ${FORM_TARGETS.keystrokeRatio}x hand-written (field 1, field ${FORM_FIELD_COUNT})`,
      detail: keys.map(ratio).join(", "),
      pass: keys.every((r) => r <= FORM_TARGETS.keystrokeRatio),
    },
  ];
}

/** The printed report: one table per measure, then one PASS/FAIL line per target. */
export function formatFormUiBench(result: FormUiBenchResult): string {
  const header = ["contender", "median ms", "min ms", "vs hand-written"];
  const table = (pick: (c: FormContenderResult) => MeasureResult) =>
    formatTable(
      header,
      result.contenders.map((c) => {
        const m = pick(c);
        return [c.name, ms(m.medianMs), ms(m.minMs), ratio(m.ratio)];
      }),
    );
  return [
    `Form UI: a ${result.fields}-field form in headless Chromium ${result.browser}`,
    `(${result.warmup} warm-up + ${result.rounds} timed rounds, contenders interleaved; keystrokes: median of ${result.keystrokes} presses per round;`,
    " each form mounts in a fresh React root of a page that keeps an antd app shell mounted, as the player does)",
    "",
    "First render (createRoot to painted, all controls in the DOM)",
    table((c) => c.firstRender),
    "",
    "  of which React render + commit",
    table((c) => c.firstCommit)
      .split("\n")
      .map((line) => `  ${line}`)
      .join("\n"),
    "",
    ...KEYSTROKE_FIELDS.flatMap((position) => [
      `Keystroke to commit in field ${position}`,
      table((c) => c.keystroke[position]),
      "",
    ]),
    ...result.targets.map((t) => `Target: ${t.name}: ${t.detail} ${t.pass ? "PASS" : "FAIL"}`),
  ].join("\n");
}
