/**
 * A record's own entry for a key that comes from outside (a configuration, a document): a JSON
 * object has no other members, so `constructor` or `toString` is unset until it is written.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
