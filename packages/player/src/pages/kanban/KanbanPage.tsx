import { ReloadOutlined } from "@ant-design/icons";
import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { KanbanPage as KanbanPageDef } from "@plinth/runtime";
import { labelText } from "@plinth/runtime";
import { Alert, App as AntApp, Button, Spin, Typography } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";
import { errorText } from "../../data/errors.js";
import type { RecordJson } from "../../data/records.js";
import { type FieldView, formatValue } from "../../format.js";
import type { PageProps } from "../PageView.js";
import { useRelationTitles } from "../useRelationTitles.js";
import {
  asKanbanSource,
  type ColumnCards,
  type ColumnTotal,
  columnFilter,
  columnValues,
  moveCard,
  totalsByColumn,
  totalsQuery,
  transitionTo,
} from "./board.js";
import { KanbanCard, KanbanColumn } from "./KanbanColumn.js";
import { columnKeyboardCoordinates } from "./keyboard.js";
import "./kanban.css";

/** Cards per request and column ("Load more" fetches the next page of that column). */
export const KANBAN_PAGE_SIZE = 200;

type Columns = Record<string, ColumnCards<RecordJson>>;

/** Pointer first (where the pointer is), else the overlapping column (keyboard moves have no pointer). */
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

/**
 * A kanban page: one column per option of the `groupBy` select field, cards from the data source,
 * per-column count and sum from the query model. Dropping a card on another column runs the stage
 * machine's transition to that state; when there is none or the server refuses, the card goes back.
 */
export function KanbanPage({ app, page, source }: PageProps<KanbanPageDef>) {
  const { locale } = usePlayer();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const kanban = asKanbanSource(source);
  const entity = (app.entities ?? []).find((e) => e.id === page.entity);
  const fieldOf = useCallback(
    (id: string) => entity?.fields.find((f) => f.id === id) as FieldView | undefined,
    [entity],
  );
  const groupField = fieldOf(page.groupBy);
  const values = useMemo(() => columnValues(groupField), [groupField]);
  const valuesKey = values.join("\u0000");
  const cardFields = page.cardFields ?? [];
  const currency = app.settings?.currency;
  const [columns, setColumns] = useState<Columns>({});
  const cards = useMemo(() => Object.values(columns).flatMap((column) => column.records), [columns]);
  const titles = useRelationTitles(app, entity, cardFields, source, cards);
  const [totals, setTotals] = useState<ReadonlyMap<string, ColumnTotal>>(new Map());
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const generation = useRef(0);
  const columnsRef = useRef(columns);
  columnsRef.current = columns;

  const columnLabel = useCallback(
    (value: string) => {
      const option = groupField?.options?.find((o) => o.value === value);
      return labelText(option?.label, locale, value);
    },
    [groupField, locale],
  );
  const titleField = cardFields[0] ?? entity?.titleField;
  const cardTitle = useCallback(
    (record: RecordJson | undefined) => {
      if (!record) return "";
      const text = titleField ? formatValue(fieldOf(titleField), record[titleField], locale, titles, currency) : "";
      return text || record.id;
    },
    [titleField, fieldOf, locale, titles, currency],
  );
  const findCard = useCallback((id: string): { record: RecordJson; column: string; index: number } | undefined => {
    for (const [column, cards] of Object.entries(columnsRef.current)) {
      const index = cards.records.findIndex((r) => r.id === id);
      const record = cards.records[index];
      if (record) return { record, column, index };
    }
    return undefined;
  }, []);

  const refreshTotals = useCallback(async () => {
    if (!kanban) return;
    const no = generation.current;
    const result = await kanban.query(totalsQuery(page.entity, page.groupBy, page.sumField, page.filter));
    if (no === generation.current) setTotals(totalsByColumn(result.rows, page.groupBy));
  }, [kanban, page.entity, page.groupBy, page.sumField, page.filter]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `valuesKey` stands for `values`
  const load = useCallback(async () => {
    const no = ++generation.current;
    setLoading(true);
    setError(undefined);
    try {
      const [pages] = await Promise.all([
        Promise.all(
          values.map((value) =>
            source.list(page.entity, {
              filter: columnFilter(page.groupBy, value, page.filter),
              limit: KANBAN_PAGE_SIZE,
            }),
          ),
        ),
        refreshTotals(),
      ]);
      if (no !== generation.current) return;
      const next: Columns = {};
      values.forEach((value, i) => {
        const result = pages[i];
        next[value] = {
          records: (result?.records ?? []) as RecordJson[],
          ...(result?.next ? { next: result.next } : {}),
        };
      });
      setColumns(next);
    } catch (e) {
      if (no === generation.current) setError(e);
    } finally {
      if (no === generation.current) setLoading(false);
    }
  }, [source, page.entity, page.groupBy, page.filter, valuesKey, refreshTotals]);

  useEffect(() => {
    void load();
  }, [load]);

  const loadMore = useCallback(
    async (value: string) => {
      const cursor = columnsRef.current[value]?.next;
      if (!cursor) return;
      const no = generation.current;
      setLoadingMore((old) => new Set(old).add(value));
      try {
        const result = await source.list(page.entity, {
          filter: columnFilter(page.groupBy, value, page.filter),
          limit: KANBAN_PAGE_SIZE,
          cursor,
        });
        if (no !== generation.current) return;
        setColumns((old) => {
          const have = old[value]?.records ?? [];
          const seen = new Set(have.map((r) => r.id));
          const added = (result.records as RecordJson[]).filter((r) => !seen.has(r.id));
          return {
            ...old,
            [value]: { records: [...have, ...added], ...(result.next ? { next: result.next } : {}) },
          };
        });
      } catch (e) {
        message.error(errorText(e, locale));
      } finally {
        setLoadingMore((old) => {
          const next = new Set(old);
          next.delete(value);
          return next;
        });
      }
    },
    [source, page.entity, page.groupBy, page.filter, message, locale],
  );

  const setPendingFor = (id: string, on: boolean) =>
    setPending((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const move = async (id: string, to: string) => {
    const found = findCard(id);
    if (!found || found.column === to) return;
    const { record, column: from, index } = found;
    const card = cardTitle(record);
    const fromLabel = columnLabel(from);
    const toLabel = columnLabel(to);
    const goBack = () =>
      setColumns((old) => {
        const now = old[to]?.records.find((r) => r.id === id) ?? record;
        return moveCard(old, id, to, from, { ...now, [page.groupBy]: from }, index);
      });
    if (!kanban) {
      message.error(t("kanban.notSupported"));
      return;
    }
    // Optimistic: the card lands at once and goes back if the move is refused.
    setColumns((old) => moveCard(old, id, from, to, { ...record, [page.groupBy]: to }));
    setPendingFor(id, true);
    try {
      const transition = transitionTo(await kanban.actions(page.entity, id), to);
      if (!transition) {
        goBack();
        message.error(t("kanban.noTransition", { card, from: fromLabel, to: toLabel }));
        return;
      }
      const result = await kanban.action(page.entity, id, transition.id);
      const after: RecordJson = { ...(result.record as RecordJson), id };
      const landed = typeof after[page.groupBy] === "string" ? (after[page.groupBy] as string) : to;
      setColumns((old) => moveCard(old, id, to, landed, after));
      message.success(t("kanban.moved", { card, to: columnLabel(landed) }));
      await refreshTotals().catch(() => undefined);
    } catch (e) {
      goBack();
      message.error(t("kanban.refused", { card, from: fromLabel, reason: errorText(e, locale) }));
    } finally {
      setPendingFor(id, false);
    }
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );

  const nameOf = (id: string | number) => cardTitle(findCard(String(id))?.record);
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t("kanban.dragStart", { card: nameOf(active.id), from: columnLabel(findCard(String(active.id))?.column ?? "") }),
    onDragOver: ({ active, over }) =>
      over
        ? t("kanban.dragOver", { card: nameOf(active.id), to: columnLabel(String(over.id)) })
        : t("kanban.dragOutside", { card: nameOf(active.id) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t("kanban.dragEnd", { card: nameOf(active.id), to: columnLabel(String(over.id)) })
        : t("kanban.dragCancel", { card: nameOf(active.id) }),
    onDragCancel: ({ active }) => t("kanban.dragCancel", { card: nameOf(active.id) }),
  };

  const onDragStart = (event: DragStartEvent) => setActiveId(String(event.active.id));
  const onDragEnd = (event: DragEndEvent) => {
    setActiveId(null);
    if (event.over) void move(String(event.active.id), String(event.over.id));
  };

  const sumField = page.sumField ? fieldOf(page.sumField) : undefined;
  const totalText = (value: string) => {
    const total = totals.get(value) ?? { count: 0, sum: null };
    if (!page.sumField) return t("kanban.count", { count: total.count });
    const sum = formatValue(sumField, total.sum ?? 0, locale, undefined, currency);
    return t("kanban.total", { count: total.count, sum });
  };
  const active = activeId ? findCard(activeId)?.record : undefined;
  const renderFields = (record: RecordJson) =>
    cardFields.slice(1).map((id) => {
      const field = fieldOf(id);
      return {
        id,
        label: labelText(field?.label, locale, id),
        text: formatValue(field, record[id], locale, titles, currency),
      };
    });

  return (
    <div className="plinth-kanban-page">
      <Typography.Title level={3} className="plinth-page-title">
        {labelText(page.label, locale, page.id)}
        {loading && <Spin size="small" style={{ marginInlineStart: 12 }} />}
      </Typography.Title>
      {error !== undefined && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title={errorText(error, locale)}
          action={
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              {t("retry")}
            </Button>
          }
        />
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("kanban.instructions") } }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActiveId(null)}
      >
        <div className="plinth-kanban" data-testid="kanban">
          {values.map((value) => {
            const cards = columns[value];
            return (
              <KanbanColumn
                key={value}
                id={value}
                label={columnLabel(value)}
                total={totalText(value)}
                empty={!loading && (cards?.records.length ?? 0) === 0 ? t("kanban.empty") : undefined}
                loadMore={
                  cards?.next
                    ? { text: t("kanban.loadMore"), busy: loadingMore.has(value), run: () => void loadMore(value) }
                    : undefined
                }
              >
                {(cards?.records ?? []).map((record) => (
                  <KanbanCard
                    key={record.id}
                    id={record.id}
                    title={cardTitle(record)}
                    fields={renderFields(record)}
                    pending={pending.has(record.id)}
                    roleDescription={t("kanban.roleDescription")}
                    busyText={
                      pending.has(record.id)
                        ? t("kanban.moving", { card: cardTitle(record), to: columnLabel(value) })
                        : undefined
                    }
                  />
                ))}
              </KanbanColumn>
            );
          })}
        </div>
        <DragOverlay dropAnimation={null}>
          {active ? (
            <KanbanCard id={active.id} title={cardTitle(active)} fields={renderFields(active)} overlay />
          ) : null}
        </DragOverlay>
      </DndContext>
    </div>
  );
}
