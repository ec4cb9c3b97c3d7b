import { useDraggable, useDroppable } from "@dnd-kit/core";
import { Button, Spin } from "antd";
import type { ReactNode } from "react";

export interface CardField {
  readonly id: string;
  readonly label: string;
  readonly text: string;
}

interface CardProps {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly CardField[];
}

function CardBody({ title, fields, busy }: CardProps & { readonly busy?: boolean }) {
  return (
    <>
      <div className="plinth-kanban-card-title">
        {title}
        {busy && <Spin size="small" />}
      </div>
      {fields.map((field) =>
        field.text ? (
          <div key={field.id} className="plinth-kanban-card-field" data-field={field.id}>
            <span className="plinth-kanban-card-label">{field.label}</span>
            <span className="plinth-kanban-card-value">{field.text}</span>
          </div>
        ) : null,
      )}
    </>
  );
}

/** A card: draggable by pointer and keyboard (focus it, Space to lift, arrows to move, Space to drop). */
export function KanbanCard(
  props: CardProps & {
    readonly pending?: boolean;
    readonly overlay?: boolean;
    readonly roleDescription?: string;
    readonly busyText?: string | undefined;
  },
) {
  if (props.overlay) {
    return (
      <div className="plinth-kanban-card plinth-kanban-card-overlay">
        <CardBody {...props} />
      </div>
    );
  }
  return <DraggableCard {...props} />;
}

function DraggableCard({
  pending,
  roleDescription,
  busyText,
  ...card
}: CardProps & {
  readonly pending?: boolean;
  readonly roleDescription?: string;
  readonly busyText?: string | undefined;
}) {
  const { setNodeRef, attributes, listeners, isDragging } = useDraggable({
    id: card.id,
    disabled: pending === true,
    ...(roleDescription ? { attributes: { roleDescription } } : {}),
  });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      className={`plinth-kanban-card${isDragging ? " is-dragging" : ""}${pending ? " is-pending" : ""}`}
      data-testid="kanban-card"
      data-card-id={card.id}
      aria-busy={pending === true}
      title={busyText}
    >
      <CardBody {...card} busy={pending === true} />
    </div>
  );
}

/** A column: a drop target with its label, count and sum, its cards, and "Load more" when more follow. */
export function KanbanColumn({
  id,
  label,
  total,
  empty,
  loadMore,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly total: string;
  readonly empty: string | undefined;
  readonly loadMore: { readonly text: string; readonly busy: boolean; run(): void } | undefined;
  readonly children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <section
      ref={setNodeRef}
      className={`plinth-kanban-column${isOver ? " is-over" : ""}`}
      data-testid="kanban-column"
      data-column={id}
      aria-label={label}
    >
      <header className="plinth-kanban-column-head">
        <h4 className="plinth-kanban-column-title">{label}</h4>
        <div className="plinth-kanban-column-total" data-testid="kanban-total">
          {total}
        </div>
      </header>
      <div className="plinth-kanban-cards">
        {children}
        {empty && <div className="plinth-kanban-empty">{empty}</div>}
        {loadMore && (
          <Button size="small" block loading={loadMore.busy} onClick={loadMore.run}>
            {loadMore.text}
          </Button>
        )}
      </div>
    </section>
  );
}
