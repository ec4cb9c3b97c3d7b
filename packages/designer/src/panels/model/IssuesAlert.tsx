import type { Issue } from "@plinth/runtime";
import { Alert } from "antd";
import { useDesignerContext } from "../../editor/context.js";

/** The core's reasons an addition was not made, in the UI language. */
export function IssuesAlert({ title, issues }: { readonly title: string; readonly issues: readonly Issue[] }) {
  const { locale } = useDesignerContext();
  if (issues.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 8 }}
      title={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {issues.map((issue) => (
            <li key={`${issue.code}${issue.path}${issue.message.en}`}>{issue.message[locale]}</li>
          ))}
        </ul>
      }
    />
  );
}
