import type { App, Party } from "@plinth/runtime";
import { Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useApply, useDesigner } from "../../editor/context.js";
import { setValue } from "../../store/commands.js";
import { FormulaInput, IssueHelp, useBoth, useIssuesAt, useLocale } from "./fields.js";
import { entityFields, fieldOptions, roleOptions } from "./model.js";

const kinds = ["role", "userField", "managerOf", "users"] as const satisfies readonly Party["kind"][];

function userFieldIds(doc: App, entity: string): string[] {
  return entityFields(doc, entity)
    .filter((f) => f.kind === "user")
    .map((f) => f.id);
}

/** A fresh party of a kind, filled with the app's first fitting role or user field. */
export function defaultParty(doc: App, entity: string, kind: Party["kind"]): Party {
  switch (kind) {
    case "role":
      return { kind, role: doc.roles?.[0]?.id ?? "manager" };
    case "userField":
    case "managerOf":
      return { kind, field: userFieldIds(doc, entity)[0] ?? "createdBy" };
    case "users":
      return { kind, users: [] as unknown as [string, ...string[]] };
  }
}

interface Props {
  readonly path: string;
  readonly party: Party;
  readonly entity: string;
  /** What the inputs are called ("Approvers", "Escalation target"): a key of the panel's words. */
  readonly nameKey: string;
}

/** Who: a role (optionally matched to the record), a user field, that user's manager, or named users. */
export function PartyEditor({ path, party, entity, nameKey }: Props) {
  const { t } = useTranslation();
  const both = useBoth();
  const name = t(nameKey);
  const apply = useApply();
  const doc = useDesigner((s) => s.doc);
  const locale = useLocale();
  const issues = useIssuesAt(path).filter((i) => i.path !== `${path}/match`);
  const set = (next: Party) => {
    const words = both(nameKey);
    apply(setValue(path, next, { en: `Change ${words.en}`, "zh-CN": `修改${words["zh-CN"]}` }));
  };
  const userFields = entityFields(doc, entity).filter((f) => f.kind === "user");
  return (
    <>
      <Form.Item
        label={name}
        validateStatus={issues.length ? "error" : undefined}
        help={issues.length ? <IssueHelp issues={issues} /> : undefined}
      >
        <Select
          aria-label={t("wf_partyKindOf", { name })}
          value={party.kind}
          options={kinds.map((k) => ({ value: k, label: t(`wf_party_${k}`) }))}
          onChange={(k: Party["kind"]) => set(defaultParty(doc, entity, k))}
        />
      </Form.Item>
      {party.kind === "role" && (
        <>
          <Form.Item label={t("wf_role")}>
            <Select
              aria-label={t("wf_roleOf", { name })}
              value={party.role}
              options={roleOptions(doc, locale)}
              onChange={(role: string) => set({ ...party, role })}
            />
          </Form.Item>
          <FormulaInput
            path={`${path}/match`}
            value={party.match}
            labelKey="wf_match"
            placeholder="$approver.region = account.region"
          />
        </>
      )}
      {(party.kind === "userField" || party.kind === "managerOf") && (
        <Form.Item label={t("wf_userField")}>
          <Select
            aria-label={t("wf_userFieldOf", { name })}
            value={party.field}
            options={fieldOptions(userFields, locale)}
            onChange={(field: string) => set({ ...party, field })}
          />
        </Form.Item>
      )}
      {party.kind === "users" && (
        <Form.Item label={t("wf_userIds")}>
          <Select
            mode="tags"
            aria-label={t("wf_userIdsOf", { name })}
            value={party.users}
            tokenSeparators={[",", " "]}
            notFoundContent={null}
            onChange={(users: string[]) => set({ ...party, users: users as [string, ...string[]] })}
          />
        </Form.Item>
      )}
    </>
  );
}
