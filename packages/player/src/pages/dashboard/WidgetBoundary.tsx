import { Alert } from "antd";
import { Component, type ReactNode } from "react";

interface Props {
  /** What to say when drawing failed (already in the user's language). */
  readonly message: string;
  readonly children: ReactNode;
}

/**
 * One widget's failure stays in its card: a chart that throws while drawing (no canvas, a broken
 * option) shows a message instead of unmounting the whole dashboard.
 */
export class WidgetBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error)
      return <Alert type="warning" showIcon title={this.props.message} description={this.state.error.message} />;
    return this.props.children;
  }
}
