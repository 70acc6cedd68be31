import type { KubeObject } from '../../cluster/view.ts';
import { grKey } from '../store/builtin-types.ts';
import { inVersion, type RequestContext } from './context.ts';
import { HttpError } from './status.ts';
import { builtinColumns, DEFAULT_COLUMNS, printerColumnsToColumns, type Column } from './table-columns.ts';

/** `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` — what `kubectl get` asks for. */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io') && (params.includes('v=v1') || params.includes('v=v1beta1'));
  });
}

/** The version kubectl accepts first among the Table entries in Accept. */
function tableVersion(accept: string | undefined): string {
  for (const part of (accept ?? '').split(',')) {
    const params = part.split(';').map((p) => p.trim());
    if (params.includes('as=Table')) return params.includes('v=v1beta1') ? 'meta.k8s.io/v1beta1' : 'meta.k8s.io/v1';
  }
  return 'meta.k8s.io/v1';
}

export function columnsFor(ctx: RequestContext): Column[] {
  const { type } = ctx;
  const version = ctx.gv.includes('/') ? ctx.gv.slice(ctx.gv.indexOf('/') + 1) : ctx.gv;
  const printer = type.printerColumns?.[version];
  if (type.crdName !== undefined) return printer ? printerColumnsToColumns(printer) : DEFAULT_COLUMNS;
  return builtinColumns(grKey(type.group, type.resource)) ?? DEFAULT_COLUMNS;
}

function rowObject(object: KubeObject, include: string, gv: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return inVersion(object, gv);
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function tableRows(ctx: RequestContext, columns: Column[], objects: readonly KubeObject[]): object[] {
  const include = ctx.query.get('includeObject') ?? 'Metadata';
  if (!['None', 'Metadata', 'Object'].includes(include)) {
    throw new HttpError('BadRequest', `includeObject: Unsupported value: "${include}": supported values: "Metadata", "None", "Object"`);
  }
  const now = Date.now();
  return objects.map((o) => {
    const object = rowObject(o, include, ctx.gv);
    return { cells: columns.map((col) => col.cell(o, now) ?? null), ...(object ? { object } : {}) };
  });
}

export function tableFor(ctx: RequestContext, objects: readonly KubeObject[], metadata: Record<string, unknown>, withHeaders = true): object {
  const columns = columnsFor(ctx);
  return {
    kind: 'Table',
    apiVersion: tableVersion(ctx.req.headers.accept),
    metadata,
    ...(withHeaders ? { columnDefinitions: columns.map(({ name, type, format, description, priority }) => ({ name, type, format: format ?? '', description, priority })) } : {}),
    rows: tableRows(ctx, columns, objects),
  };
}
