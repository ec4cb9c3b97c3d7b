/**
 * A copy of `record` without the keys in `hidden` (own properties only). The input is not
 * changed; keys such as `__proto__` stay plain data properties.
 *
 * @example
 * maskRecord({ name: "Deal", notes: "secret" }, new Set(["notes"])); // { name: "Deal" }
 */
export function maskRecord<R extends Readonly<Record<string, unknown>>>(
  record: R,
  hidden: ReadonlySet<string>,
): Partial<R> {
  const out: Record<string, unknown> = {};
  for (const key in record) {
    if (!Object.hasOwn(record, key) || hidden.has(key)) continue;
    Object.defineProperty(out, key, { value: record[key], enumerable: true, writable: true, configurable: true });
  }
  return out as Partial<R>;
}
