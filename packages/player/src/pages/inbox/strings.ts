/**
 * The inbox page's own words, merged into the player's i18n resources (i18n.ts) under `inbox.*`.
 * Both languages carry the same keys (player.test.ts checks the merged resources).
 */
export const inboxStrings = {
  en: {
    inbox: {
      waiting: "Waiting for me",
      notifications: "Notifications",
      noApprovals: "Nothing is waiting for your approval.",
      noNotifications: "No notifications.",
      record: "Record",
      workflow: "Workflow",
      step: "Step",
      submitted: "Submitted",
      submittedBy: "{{at}} by {{user}}",
      open: "Open",
      unread: "unread",
      markAllRead: "Mark all read",
      time: "Time",
      message: "Message",
      count_one: "{{count}} item",
      count_other: "{{count}} items",
    },
  },
  "zh-CN": {
    inbox: {
      waiting: "待我审批",
      notifications: "通知",
      noApprovals: "没有等待你审批的事项。",
      noNotifications: "没有通知。",
      record: "记录",
      workflow: "流程",
      step: "步骤",
      submitted: "提交",
      submittedBy: "{{user}} 于 {{at}} 提交",
      open: "打开",
      unread: "未读",
      markAllRead: "全部标为已读",
      time: "时间",
      message: "消息",
      count_one: "{{count}} 项",
      count_other: "{{count}} 项",
    },
  },
} as const;
