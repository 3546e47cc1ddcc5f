// Table names as HBase spells them: "namespace:qualifier", the default namespace omitted
// (TableName.valueOf). Legal characters follow HBase: [a-zA-Z0-9_.-], qualifier not starting with
// '.' or '-', namespace [a-zA-Z0-9_].

import { IllegalArgumentError } from "./errors.ts";

export const DEFAULT_NAMESPACE = "default";
export const SYSTEM_NAMESPACE = "hbase";

export interface TableName {
  readonly namespace: string;
  readonly qualifier: string;
}

/** A TableName, or its string form ("t1", "ns:t1"). */
export type TableNameLike = TableName | string;

const QUALIFIER = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/;
const NAMESPACE = /^[a-zA-Z0-9_]+$/;

/** Parses and validates a table name; throws IllegalArgumentError on an illegal one. */
export function tableName(name: TableNameLike): TableName {
  if (typeof name !== "string") return validateTableName(name);
  const colon = name.indexOf(":");
  const parsed = colon < 0
    ? { namespace: DEFAULT_NAMESPACE, qualifier: name }
    : { namespace: name.slice(0, colon), qualifier: name.slice(colon + 1) };
  return validateTableName(parsed);
}

/** "t1" for the default namespace, "ns:t1" otherwise (TableName.getNameAsString). */
export function tableNameString(name: TableName): string {
  return name.namespace === DEFAULT_NAMESPACE ? name.qualifier : `${name.namespace}:${name.qualifier}`;
}

/** Validates a namespace name. */
export function validateNamespaceName(namespace: string): string {
  if (!NAMESPACE.test(namespace)) {
    throw new IllegalArgumentError(`Illegal character in namespace name "${namespace}"`);
  }
  return namespace;
}

function validateTableName(name: TableName): TableName {
  validateNamespaceName(name.namespace);
  if (name.qualifier.length === 0 || name.qualifier.length > 255 || !QUALIFIER.test(name.qualifier)) {
    throw new IllegalArgumentError(`Illegal table name qualifier "${name.qualifier}"`);
  }
  return { namespace: name.namespace, qualifier: name.qualifier };
}
