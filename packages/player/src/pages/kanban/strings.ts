/**
 * The kanban page's own words, merged into the player's i18n resources (i18n.ts) under `kanban.*`.
 * Both languages carry the same keys (player.test.ts checks the merged resources).
 */
export const kanbanStrings = {
  en: {
    kanban: {
      total_one: "{{count}} card · {{sum}}",
      total_other: "{{count}} cards · {{sum}}",
      count_one: "{{count}} card",
      count_other: "{{count}} cards",
      empty: "No cards",
      loadMore: "Load more",
      moving: "Moving “{{card}}” to {{to}}…",
      moved: "“{{card}}” moved to {{to}}.",
      noTransition: "“{{card}}” cannot move from {{from}} to {{to}}: there is no such step in the workflow.",
      refused: "“{{card}}” stays in {{from}}: {{reason}}",
      notSupported: "This data source cannot move cards.",
      roleDescription: "draggable card",
      instructions:
        "To pick up a card, press Space or Enter. Use the arrow keys to move it to another column. Press Space or Enter again to drop it, or Escape to cancel.",
      dragStart: "Picked up “{{card}}” from {{from}}.",
      dragOver: "“{{card}}” is over {{to}}.",
      dragOutside: "“{{card}}” is not over a column.",
      dragEnd: "Dropped “{{card}}” on {{to}}.",
      dragCancel: "Moving “{{card}}” was cancelled.",
    },
  },
  "zh-CN": {
    kanban: {
      total_one: "{{count}} 张卡片 · {{sum}}",
      total_other: "{{count}} 张卡片 · {{sum}}",
      count_one: "{{count}} 张卡片",
      count_other: "{{count}} 张卡片",
      empty: "没有卡片",
      loadMore: "加载更多",
      moving: "正在将“{{card}}”移到{{to}}…",
      moved: "“{{card}}”已移到{{to}}。",
      noTransition: "“{{card}}”不能从{{from}}移到{{to}}：流程中没有这一步。",
      refused: "“{{card}}”仍在{{from}}：{{reason}}",
      notSupported: "此数据源不支持移动卡片。",
      roleDescription: "可拖动的卡片",
      instructions: "按空格或回车键拿起卡片，用方向键移到其他列，再按空格或回车键放下，按 Esc 取消。",
      dragStart: "已从{{from}}拿起“{{card}}”。",
      dragOver: "“{{card}}”位于{{to}}上方。",
      dragOutside: "“{{card}}”不在任何列上方。",
      dragEnd: "已将“{{card}}”放到{{to}}。",
      dragCancel: "已取消移动“{{card}}”。",
    },
  },
} as const;
