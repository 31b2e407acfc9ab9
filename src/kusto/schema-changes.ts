/**
 * Whether a management command may change what `.show databases` or the schema list: the verbs
 * that create, alter, drop, rename or fill tables, functions and databases
 * (https://learn.microsoft.com/kusto/management/). After one succeeds, the app reloads that
 * cluster's databases and schema so the tree and IntelliSense show the change at once.
 */

import { managementCommandText } from './text-kind';

const SCHEMA_VERBS = /^\.(?:create|create-or-alter|create-merge|alter|alter-merge|drop|rename|set|append|set-or-append|set-or-replace|ingest)\b/i;

export function changesSchema(text: string): boolean {
  const command = managementCommandText(text);
  return command !== null && SCHEMA_VERBS.test(command);
}
