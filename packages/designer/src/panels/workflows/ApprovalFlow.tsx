import "@xyflow/react/dist/style.css";
import type { Approval, ApprovalStep, Locale, Party } from "@plinth/runtime";
import { labelText } from "@plinth/runtime";
import { Controls, type Edge, MarkerType, type Node, type NodeChange, Position, ReactFlow } from "@xyflow/react";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "./fields.js";

interface Props {
  readonly wf: Approval;
  readonly path: string;
  readonly selected: string | undefined;
  readonly onSelect: (path: string) => void;
}

export function partyText(party: Party | "manager", t: TFunction): string {
  if (party === "manager") return t("wf_party_escalateManager");
  switch (party.kind) {
    case "role":
      return t("wf_partyRole", { role: party.role });
    case "userField":
      return t("wf_partyUserField", { field: party.field });
    case "managerOf":
      return t("wf_partyManagerOf", { field: party.field });
    case "users":
      return t("wf_partyUsers", { users: party.users.join(", ") });
  }
}

function stepLines(step: ApprovalStep, t: TFunction): string[] {
  const mode = step.mode === "percentage" ? `${step.percentage ?? "?"}%` : t(`wf_mode_${step.mode ?? "any"}`);
  return [
    `${partyText(step.approvers, t)} · ${mode}`,
    step.condition ? t("wf_onlyIf", { condition: step.condition }) : undefined,
    step.sla ? t("wf_slaShort", { hours: step.sla.hours }) : undefined,
  ].filter((x): x is string => x !== undefined);
}

/** Steps in columns: consecutive steps of one parallel group share a column. */
function columnsOf(steps: readonly ApprovalStep[]): number[][] {
  const columns: number[][] = [];
  steps.forEach((step, i) => {
    const last = columns.at(-1);
    const prev = steps[i - 1];
    if (last && step.parallelGroup !== undefined && prev?.parallelGroup === step.parallelGroup) last.push(i);
    else columns.push([i]);
  });
  return columns;
}

function node(
  id: string,
  column: number,
  row: number,
  title: string,
  lines: string[],
  extra: Partial<Node> = {},
): Node {
  return {
    id,
    position: { x: column * 240, y: row * 120 },
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
    ariaLabel: title,
    className: "wf-node",
    data: {
      label: (
        <div>
          <strong>{title}</strong>
          {lines.map((line) => (
            <div key={line} className="wf-node-notes">
              {line}
            </div>
          ))}
        </div>
      ),
    },
    ...extra,
  };
}

function build(wf: Approval, path: string, selected: string | undefined, locale: Locale, t: TFunction) {
  const columns = columnsOf(wf.steps);
  const nodes: Node[] = [
    node("entry", 0, 0, t("wf_submitted"), wf.entryCriteria ? [t("wf_onlyIf", { condition: wf.entryCriteria })] : [], {
      selected: selected === path,
      type: "input",
    }),
  ];
  columns.forEach((column, c) =>
    column.forEach((i, row) => {
      const step = wf.steps[i] as ApprovalStep;
      nodes.push(
        node(`step:${i}`, c + 1, row, labelText(step.label, locale, step.id), stepLines(step, t), {
          selected: selected === `${path}/steps/${i}`,
        }),
      );
    }),
  );
  nodes.push(node("approved", columns.length + 1, 0, t("wf_approved"), [], { type: "output" }));
  const ids = [["entry"], ...columns.map((col) => col.map((i) => `step:${i}`)), ["approved"]];
  const edges: Edge[] = ids.slice(1).flatMap((column, c) =>
    column.flatMap((target) =>
      (ids[c] ?? []).map((source) => ({
        id: `${source}->${target}`,
        source,
        target,
        markerEnd: { type: MarkerType.ArrowClosed },
      })),
    ),
  );
  // A column whose every step has a condition can be skipped: a dashed edge goes around it.
  const skips: Edge[] = columns.flatMap((column, c) =>
    column.every((i) => wf.steps[i]?.condition !== undefined)
      ? (ids[c] ?? []).flatMap((source) =>
          (ids[c + 2] ?? []).map((target) => ({
            id: `skip:${source}->${target}`,
            source,
            target,
            label: t("wf_skipped"),
            style: { strokeDasharray: "6 4" },
            markerEnd: { type: MarkerType.ArrowClosed },
          })),
        )
      : [],
  );
  return { nodes, edges: [...edges, ...skips] };
}

/** An approval drawn in order: submitted → each step (parallel ones side by side) → approved. */
export function ApprovalFlow({ wf, path, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { nodes, edges } = useMemo(() => build(wf, path, selected, locale, t), [wf, path, selected, locale, t]);
  const pick = (id: string) => {
    if (id === "entry") onSelect(path);
    else if (id.startsWith("step:")) onSelect(`${path}/steps/${id.slice(5)}`);
  };
  // A focused node selected with Enter or Space arrives as a select change, like a click.
  const changes = (list: NodeChange[]) => {
    for (const c of list) if (c.type === "select" && c.selected) pick(c.id);
  };
  return (
    <section aria-label={t("wf_flow")} className="wf-graph" style={{ height: 260 }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodesDraggable={false}
        nodesConnectable={false}
        onNodesChange={changes}
        onNodeClick={(_, n) => pick(n.id)}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}
