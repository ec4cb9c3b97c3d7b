import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { bandColors, type Widget } from "@plinth/runtime";
import { Button, Flex, Form, InputNumber, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import { OverlayBadge } from "../../editor/OverlayBadge.js";
import { setValue } from "../../store/commands.js";
import { IssueHelp, useIssuesAt } from "../workflows/fields.js";
import {
  addBand,
  addThreshold,
  type Band,
  type BandColor,
  moveBand,
  removeBand,
  removeThreshold,
  setBandBound,
  thresholdsPath,
} from "./commands.js";

interface Props {
  readonly p: number;
  readonly i: number;
  readonly widget: Widget;
}

type Threshold = NonNullable<Widget["thresholds"]>[number];

const MAX_THRESHOLDS = 20;
const MAX_BANDS = 5;

/**
 * A widget's thresholds: per measure, bands in order, each a colour up to a bound (a number or
 * another measure of the row, times a factor) or, without a bound, for every value above. The
 * core decides the colour (`thresholdColor`) and checks the measures named; its issues show at
 * their paths.
 */
export function Thresholds({ p, i, widget }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const path = thresholdsPath(p, i);
  const thresholds = widget.thresholds ?? [];
  const measures = (widget.query.measures ?? []).map((m) => m.id);
  const listIssues = useIssuesAt(path).filter((x) => x.path === path);
  // A new threshold colours the first measure without one.
  const free = measures.find((m) => !thresholds.some((x) => x.measure === m));
  return (
    <fieldset className="dash-fieldset" aria-label={t("dash_thresholds")}>
      <legend>
        {t("dash_thresholds")} <OverlayBadge path={path} />
      </legend>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t("dash_thresholdsHint")}
      </Typography.Paragraph>
      {listIssues.length > 0 && <IssueHelp issues={listIssues} />}
      {thresholds.map((threshold, n) => (
        <ThresholdEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: a threshold is its position; every row is controlled by the document
          key={n}
          p={p}
          i={i}
          n={n}
          threshold={threshold}
          count={thresholds.length}
          measures={measures}
        />
      ))}
      {thresholds.length < MAX_THRESHOLDS && (
        <Button disabled={free === undefined} onClick={() => free !== undefined && apply(addThreshold(p, i, free))}>
          {t("dash_addThreshold")}
        </Button>
      )}
    </fieldset>
  );
}

interface ThresholdProps {
  readonly p: number;
  readonly i: number;
  readonly n: number;
  readonly threshold: Threshold;
  readonly count: number;
  readonly measures: readonly string[];
}

function ThresholdEditor({ p, i, n, threshold, count, measures }: ThresholdProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const path = `${thresholdsPath(p, i)}/${n}`;
  const issues = useIssuesAt(path);
  const measureIssues = issues.filter((x) => x.path === `${path}/measure`);
  const ownIssues = issues.filter((x) => x.path === path || x.path === `${path}/bands`);
  const options = [...new Set([...measures, threshold.measure])].map((m) => ({ value: m, label: m }));
  return (
    <fieldset className="dash-measure" aria-label={t("dash_threshold", { n: n + 1 })}>
      <legend>{t("dash_threshold", { n: n + 1 })}</legend>
      <Flex gap={4} align="flex-start">
        <Form.Item
          label={t("dash_thresholdMeasureLabel")}
          style={{ flex: 1 }}
          validateStatus={measureIssues.length ? "error" : undefined}
          help={measureIssues.length ? <IssueHelp issues={measureIssues} /> : undefined}
        >
          <Select
            aria-label={t("dash_thresholdMeasure", { n: n + 1 })}
            value={threshold.measure}
            options={options}
            onChange={(v: string) =>
              apply(
                setValue(`${path}/measure`, v, {
                  en: `Colour ${v} by thresholds`,
                  "zh-CN": `按阈值为 ${v} 着色`,
                }),
              )
            }
          />
        </Form.Item>
        <Button
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t("dash_removeThreshold", { n: n + 1 })}
          onClick={() => apply(removeThreshold(p, i, n, count, threshold.measure))}
        />
      </Flex>
      {ownIssues.length > 0 && <IssueHelp issues={ownIssues} />}
      <ol className="dash-bands" aria-label={t("dash_bands", { n: n + 1 })}>
        {threshold.bands.map((band, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a band is its position (the order decides the colour)
          <li key={j}>
            <BandEditor
              p={p}
              i={i}
              n={n}
              j={j}
              band={band}
              bands={threshold.bands.length}
              measure={threshold.measure}
              measures={measures}
            />
          </li>
        ))}
      </ol>
      {threshold.bands.length < MAX_BANDS && (
        <Button size="small" onClick={() => apply(addBand(p, i, n, threshold.measure))}>
          {t("dash_addBand", { n: n + 1 })}
        </Button>
      )}
    </fieldset>
  );
}

type BoundKind = "number" | "measure" | "none";

const boundKindOf = (band: Band): BoundKind =>
  band.atMost === undefined ? "none" : typeof band.atMost === "number" ? "number" : "measure";

interface BandProps {
  readonly p: number;
  readonly i: number;
  readonly n: number;
  readonly j: number;
  readonly band: Band;
  readonly bands: number;
  /** The measure the threshold colours (a band is bounded by another one). */
  readonly measure: string;
  readonly measures: readonly string[];
}

function BandEditor({ p, i, n, j, band, bands, measure, measures }: BandProps) {
  const { t } = useTranslation();
  const apply = useApply();
  const path = `${thresholdsPath(p, i)}/${n}/bands/${j}`;
  const issues = useIssuesAt(path);
  const at = (suffix: string) => issues.filter((x) => x.path === `${path}${suffix}`);
  const boundIssues = at("/atMost");
  const timesIssues = at("/times");
  const rest = issues.filter((x) => !boundIssues.includes(x) && !timesIssues.includes(x));
  const kind = boundKindOf(band);
  const others = measures.filter((m) => m !== measure);
  const names = { n: n + 1, m: j + 1 };
  const bound = (atMost: number | string | undefined) => apply(setBandBound(p, i, n, j, atMost, measure));
  return (
    <Flex gap={4} align="flex-start" wrap data-band={band.color}>
      <span className={`dash-band-dot dash-band-${band.color}`} aria-hidden />
      <Form.Item label={t("dash_bandColorLabel")} style={{ flex: "0 0 110px" }}>
        <Select
          aria-label={t("dash_bandColor", names)}
          value={band.color}
          options={bandColors.map((c) => ({ value: c, label: t(`dash_color_${c}`) }))}
          onChange={(v: BandColor) =>
            apply(
              setValue(`${path}/color`, v, {
                en: `Colour band ${j + 1} of ${measure} ${v}`,
                "zh-CN": `将 ${measure} 第 ${j + 1} 个区间设为${t(`dash_color_${v}`, { lng: "zh-CN" })}`,
              }),
            )
          }
        />
      </Form.Item>
      <Form.Item
        label={t("dash_bandBoundLabel")}
        style={{ flex: "1 1 160px" }}
        validateStatus={boundIssues.length ? "error" : undefined}
        help={boundIssues.length ? <IssueHelp issues={boundIssues} /> : undefined}
      >
        <Flex gap={4}>
          <Select
            aria-label={t("dash_bandBound", names)}
            style={{ flex: "0 0 150px" }}
            value={kind}
            options={(["number", "measure", "none"] as const).map((k) => ({
              value: k,
              label: t(`dash_bound_${k}`),
              disabled: k === "measure" && others.length === 0,
            }))}
            onChange={(v: BoundKind) => {
              if (v === kind) return;
              bound(v === "number" ? 0 : v === "measure" ? others[0] : undefined);
            }}
          />
          {kind === "number" && (
            <InputNumber
              aria-label={t("dash_bandNumber", names)}
              style={{ flex: 1 }}
              value={typeof band.atMost === "number" ? band.atMost : null}
              onChange={(v) => {
                if (typeof v === "number") bound(v);
              }}
            />
          )}
          {kind === "measure" && (
            <Select
              aria-label={t("dash_bandMeasure", names)}
              style={{ flex: 1 }}
              value={typeof band.atMost === "string" ? band.atMost : undefined}
              options={[...new Set([...others, ...(typeof band.atMost === "string" ? [band.atMost] : [])])].map(
                (m) => ({ value: m, label: m }),
              )}
              onChange={(v: string) => bound(v)}
            />
          )}
        </Flex>
      </Form.Item>
      {kind !== "none" && (
        <Form.Item
          label={t("dash_bandTimesLabel")}
          style={{ flex: "0 0 100px" }}
          validateStatus={timesIssues.length ? "error" : undefined}
          help={timesIssues.length ? <IssueHelp issues={timesIssues} /> : undefined}
        >
          <InputNumber
            aria-label={t("dash_bandTimes", names)}
            min={0.01}
            max={1000}
            step={0.1}
            placeholder="1"
            value={band.times ?? null}
            onChange={(v) =>
              apply(
                setValue(`${path}/times`, typeof v === "number" ? v : undefined, {
                  en: `Factor of band ${j + 1} of ${measure}`,
                  "zh-CN": `${measure} 第 ${j + 1} 个区间的倍数`,
                }),
              )
            }
          />
        </Form.Item>
      )}
      <Flex gap={0} style={{ marginTop: 30 }}>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          aria-label={t("dash_moveBandUp", names)}
          disabled={j === 0}
          onClick={() => apply(moveBand(p, i, n, j, -1, measure))}
        />
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          aria-label={t("dash_moveBandDown", names)}
          disabled={j === bands - 1}
          onClick={() => apply(moveBand(p, i, n, j, 1, measure))}
        />
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t("dash_removeBand", names)}
          disabled={bands <= 1}
          onClick={() => apply(removeBand(p, i, n, j, measure))}
        />
      </Flex>
      {rest.length > 0 && <IssueHelp issues={rest} />}
    </Flex>
  );
}
