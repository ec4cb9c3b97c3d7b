/**
 * Tells a controlled editor's own typing coming back through its `value` prop (late: React
 * renders after more keys may have been typed) from a change made elsewhere, which must replace
 * the editor's text. Without it a late echo would put back an older text and move the cursor.
 */
export interface EchoFilter {
  /** The editor reported this text. */
  typed(text: string): void;
  /** Is this `value` one the editor reported (an echo to ignore)? Otherwise it came from elsewhere. */
  isEcho(value: string): boolean;
}

const KEEP = 100;

export function createEchoFilter(): EchoFilter {
  let pending: string[] = [];
  return {
    typed(text) {
      pending.push(text);
      if (pending.length > 2 * KEEP) pending = pending.slice(-KEEP);
    },
    isEcho(value) {
      const at = pending.lastIndexOf(value);
      if (at < 0) {
        pending = [];
        return false;
      }
      pending = pending.slice(at + 1);
      return true;
    },
  };
}
