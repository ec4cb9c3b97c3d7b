import "@xyflow/react/dist/style.css";
import type { StateMachine } from "@plinth/runtime";
import {
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  MarkerType,
  type Node,
  type NodeChange,
  Position,
  ReactFlow,
} from "@xyflow/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useDesigner } from "../../editor/context.js";
import { useLocale } from "./fields.js";
import { ANY_STATE, layoutStates } from "./layout.js";
import { stateText } from "./model.js";

interface Props {
  readonly wf: StateMachine;
  readonly path: string;
  readonly selected: string | undefined;
  readonly onSelect: (path: string) => void;
  /** Drawing an edge: `from` is a state or ANY_STATE. */
  readonly onConnect: (from: string, to: string) => void;
}

const short = (text: string) => (text.length > 28 ? `${text.slice(0, 27)}…` : text);

/** The stage machine as a graph: a node per state, an edge per transition; draw an edge to add one. */
export function StateMachineGraph({ wf, path, selected, onSelect, onConnect }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const doc = useDesigner((s) => s.doc);
  const { nodes, edges } = useMemo(() => {
    const cells = layoutStates(wf);
    const nodes: Node[] = [...cells].map(([id, cell]) => {
      const i = wf.states.findIndex((s) => s.id === id);
      const state = wf.states[i];
      const name = id === ANY_STATE ? t("wf_anyState") : stateText(doc, wf.entity, wf.field, id, locale);
      const notes = [
        id === wf.initial ? t("wf_initial") : undefined,
        state?.final ? t("wf_final") : undefined,
        state?.maxDays ? t("wf_maxDaysShort", { days: state.maxDays }) : undefined,
      ].filter(Boolean);
      return {
        id,
        position: { x: cell.column * 230, y: cell.row * 110 },
        sourcePosition: Position.Right,
        targetPosition: Position.Left,
        selected: state !== undefined && selected === `${path}/states/${i}`,
        ariaLabel: name,
        className: `wf-node${state?.final ? " wf-node-final" : ""}${id === ANY_STATE ? " wf-node-any" : ""}`,
        data: {
          label: (
            <div>
              <strong>{name}</strong>
              {notes.length > 0 && <div className="wf-node-notes">{notes.join(" · ")}</div>}
            </div>
          ),
        },
      };
    });
    const edges: Edge[] = wf.transitions.flatMap((tr, i) => {
      const froms = tr.from === "*" ? [ANY_STATE] : tr.from;
      const name = tr.label
        ? `${tr.id} · ${typeof tr.label === "string" ? tr.label : (tr.label[locale] ?? tr.id)}`
        : tr.id;
      return froms.map((from) => ({
        id: `${i}:${from}`,
        source: from,
        target: tr.to,
        label: short(tr.guard ? `${name} [${tr.guard}]` : name),
        ariaLabel: name,
        selected: selected === `${path}/transitions/${i}`,
        markerEnd: { type: MarkerType.ArrowClosed },
      }));
    });
    return { nodes, edges };
  }, [wf, path, selected, doc, locale, t]);

  const connect = (c: Connection) => {
    if (c.source && c.target && c.target !== ANY_STATE) onConnect(c.source, c.target);
  };
  const pickState = (id: string) => {
    const i = wf.states.findIndex((s) => s.id === id);
    if (i >= 0) onSelect(`${path}/states/${i}`);
  };
  const pickTransition = (edgeId: string) => onSelect(`${path}/transitions/${edgeId.split(":")[0]}`);
  // A focused node or edge selected with Enter or Space arrives as a select change, like a click.
  const nodeChanges = (changes: NodeChange[]) => {
    for (const c of changes) if (c.type === "select" && c.selected) pickState(c.id);
  };
  const edgeChanges = (changes: EdgeChange[]) => {
    for (const c of changes) if (c.type === "select" && c.selected) pickTransition(c.id);
  };

  return (
    <section aria-label={t("wf_graph")} className="wf-graph" style={{ height: 380 }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodesDraggable={false}
        onConnect={connect}
        onNodesChange={nodeChanges}
        onEdgesChange={edgeChanges}
        onNodeClick={(_, node) => pickState(node.id)}
        onEdgeClick={(_, edge) => pickTransition(edge.id)}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}
