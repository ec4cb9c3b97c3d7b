import { definitionPath, type Issue, type RefactorTarget, refsTo } from "@plinth/runtime";
import { Alert, Button, Form, Input, Popconfirm, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDesignerContext } from "../../editor/context.js";
import { remove, rename } from "../../store/commands.js";
import { domId } from "./modelPointer.js";
import { PlacesList } from "./PlacesList.js";

type Outcome =
  | { readonly kind: "renamed"; readonly paths: readonly string[] }
  | { readonly kind: "refused"; readonly issues: readonly Issue[]; readonly paths: readonly string[] };

interface Props {
  readonly target: RefactorTarget;
  /** Where to move the selection once the target is removed (its entity, or nothing). */
  readonly afterRemove: string | undefined;
}

const unique = (paths: readonly string[]): string[] => [...new Set(paths)];

/**
 * Rename an entity or a field everywhere it is used, or remove it, both through the core's
 * refactors: a rename lists the places it rewrote, a refused removal lists what still uses it.
 */
export function RefactorControls({ target, afterRemove }: Props) {
  const { t } = useTranslation();
  const { store, runtime, locale } = useDesignerContext();
  const [to, setTo] = useState("");
  const [outcome, setOutcome] = useState<Outcome>();
  const what = t(target.kind === "entity" ? "model_entity" : "model_field");
  const inputId = domId(`/rename/${target.kind}/${target.id}`);
  /** Every place the target is named; for a removal, outside its own definition (those go with it). */
  const uses = (forRemoval: boolean): string[] => {
    const doc = store.getState().doc;
    const refs = runtime.references(doc);
    if (!refs.ok) return [];
    const own = forRemoval ? definitionPath(doc, target)?.replace(/\/id$/, "/") : undefined;
    return unique(refsTo(refs.refs, target).map((r) => r.path)).filter((p) => own === undefined || !p.startsWith(own));
  };
  const doRename = () => {
    const { doc, apply } = store.getState();
    const paths = uses(false);
    const made = rename(runtime, doc, target, to.trim());
    if (apply(made) && made.ok) {
      setOutcome({ kind: "renamed", paths });
      setTo("");
    } else if (!made.ok) setOutcome({ kind: "refused", issues: made.issues, paths: [] });
  };
  const doRemove = () => {
    const { doc, apply, select } = store.getState();
    const made = remove(runtime, doc, target);
    if (!made.ok) {
      apply(made);
      setOutcome({ kind: "refused", issues: made.issues, paths: uses(true) });
      return;
    }
    if (apply(made)) select(afterRemove);
  };
  return (
    <section aria-label={t("model_refactorTitle", { what, id: target.id })}>
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "flex-end", columnGap: 16 }}>
        <Form.Item label={t("model_renameTo", { what, id: target.id })} htmlFor={inputId}>
          <Space.Compact>
            <Input
              id={inputId}
              value={to}
              placeholder={target.id}
              onChange={(e) => setTo(e.target.value)}
              onPressEnter={doRename}
            />
            <Button
              onClick={doRename}
              disabled={to.trim() === ""}
              aria-label={t("model_renameWhat", { what, id: target.id })}
            >
              {t("model_rename")}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Popconfirm
          title={t("model_removeConfirm", { what, id: target.id })}
          okText={t("model_remove")}
          cancelText={t("model_cancel")}
          onConfirm={doRemove}
        >
          <Button danger style={{ marginBottom: 24 }}>
            {t("model_removeWhat", { what, id: target.id })}
          </Button>
        </Popconfirm>
      </div>
      {outcome?.kind === "renamed" && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          title={t("model_renamedIn", { count: outcome.paths.length })}
          description={<PlacesList paths={outcome.paths} />}
        />
      )}
      {outcome?.kind === "refused" && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={outcome.issues.map((issue) => (
            <Typography.Paragraph key={`${issue.code}${issue.path}`} style={{ margin: 0 }}>
              {issue.message[locale]}
            </Typography.Paragraph>
          ))}
          description={
            outcome.paths.length > 0 && (
              <>
                <Typography.Text>{t("model_stillUsedBy", { count: outcome.paths.length })}</Typography.Text>
                <PlacesList paths={outcome.paths} />
              </>
            )
          }
        />
      )}
    </section>
  );
}
