import type { App } from "@plinth/runtime";
import { computations } from "./computations.js";
import { navigation, pages } from "./dashboards.js";
import { appeal, leaderboardEntry, rewardClaim, rewardFund, scoreRun } from "./entities/rewards.js";
import {
  calibrationNote,
  crmDeal,
  cviScore,
  dimensionScore,
  evidenceItem,
  kpiScore,
  metricSnapshot,
} from "./entities/scores.js";
import { bonusPool, dimensionDef, employee, period, weightScheme } from "./entities/setup.js";
import { l } from "./labels.js";
import { permissions, roles } from "./permissions.js";
import { automations, workflows } from "./workflow.js";

/**
 * The CVI (Customer Value Index) scorecard (sales-domain §3): five dimensions normalised within
 * peer groups, weights that total 100 and freeze when the period opens, renormalisation of a
 * missing dimension, bonus methods A and B, the process reward fund, the KPI-vs-CVI dual track,
 * the quarter's workflow with calibration, and personal, manager and HR views. The cross-record
 * arithmetic is the engine's `computations` (docs/workflows.md), run by a scoring run.
 */
export const cviApp = {
  schemaVersion: 1,
  id: "cvi",
  version: "1.0.0",
  label: l("CVI scorecard", "CVI 客户价值计分卡"),
  description: l(
    "Value-based performance: five dimensions, calibration, bonus pools and a dual-track pilot against the old KPI.",
    "基于价值的绩效：五个维度、校准、奖金池，以及与原 KPI 并行的双轨试点。",
  ),
  settings: { currency: "CNY" },
  roles: [...roles],
  entities: [
    period,
    employee,
    dimensionDef,
    weightScheme,
    bonusPool,
    metricSnapshot,
    evidenceItem,
    crmDeal,
    dimensionScore,
    kpiScore,
    cviScore,
    calibrationNote,
    rewardFund,
    rewardClaim,
    appeal,
    leaderboardEntry,
    scoreRun,
  ],
  workflows,
  automations,
  computations,
  permissions,
  pages,
  navigation,
} as unknown as App;
