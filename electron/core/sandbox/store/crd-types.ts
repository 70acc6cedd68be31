import type { KubeObject } from '../../cluster/view.ts';
import type { PrinterColumn, ServedType } from './builtin-types.ts';
import { type Cause } from './validate.ts';

/** What the API server reads from a CustomResourceDefinition to start serving it. */

interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: object; scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: PrinterColumn[];
  schema?: { openAPIV3Schema?: unknown };
  selectableFields?: Array<{ jsonPath?: string }>;
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { plural?: string; singular?: string; kind?: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  versions?: CrdVersion[];
}

export function validateCrd(crd: KubeObject): Cause[] {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const causes: Cause[] = [];
  if (!spec.group) causes.push({ field: 'spec.group', message: 'Required value' });
  if (!spec.names?.plural) causes.push({ field: 'spec.names.plural', message: 'Required value' });
  if (!spec.names?.kind) causes.push({ field: 'spec.names.kind', message: 'Required value' });
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    causes.push({ field: 'spec.scope', message: `Unsupported value: "${String(spec.scope ?? '')}": supported values: "Cluster", "Namespaced"` });
  }
  const versions = spec.versions ?? [];
  if (versions.length === 0) causes.push({ field: 'spec.versions', message: 'Invalid value: null: must have exactly one version marked as storage version' });
  else if (versions.filter((v) => v.storage).length !== 1) {
    causes.push({ field: 'spec.versions', message: 'Invalid value: []apiextensions.CustomResourceDefinitionVersion: must have exactly one version marked as storage version' });
  }
  if (spec.group && spec.names?.plural && crd.metadata.name !== `${spec.names.plural}.${spec.group}`) {
    causes.push({ field: 'metadata.name', message: `Invalid value: "${crd.metadata.name}": must be spec.names.plural+"."+spec.group` });
  }
  return causes;
}

/** The served type of a valid CRD; served versions first by `storage`, as discovery prefers. */
export function crdToServedType(crd: KubeObject): ServedType {
  const spec = crd.spec as CrdSpec;
  const names = spec.names!;
  const served = (spec.versions ?? []).filter((v) => v.served !== false && v.name);
  const storage = served.find((v) => v.storage) ?? served[0];
  const ordered = storage ? [storage, ...served.filter((v) => v !== storage)] : served;
  const printerColumns: Record<string, PrinterColumn[]> = {};
  const schemas: Record<string, unknown> = {};
  for (const v of ordered) {
    if (v.additionalPrinterColumns?.length) printerColumns[v.name!] = v.additionalPrinterColumns;
    if (v.schema?.openAPIV3Schema) schemas[v.name!] = v.schema.openAPIV3Schema;
  }
  return {
    group: spec.group!,
    version: storage?.name ?? 'v1',
    versions: ordered.map((v) => v.name!),
    resource: names.plural!,
    kind: names.kind!,
    singular: names.singular ?? names.kind!.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
    ...(names.shortNames?.length ? { shortNames: names.shortNames } : {}),
    ...(names.categories?.length ? { categories: names.categories } : {}),
    subresources: { status: Boolean(storage?.subresources?.status), scale: Boolean(storage?.subresources?.scale) },
    printerColumns,
    schemas,
    ...(storage?.selectableFields?.length ? { selectableFields: storage.selectableFields.map((f) => String(f.jsonPath ?? '').replace(/^\./, '')).filter(Boolean) } : {}),
    ...(storage?.subresources?.scale
      ? {
          scalePaths: {
            specReplicasPath: storage.subresources.scale.specReplicasPath ?? '.spec.replicas',
            statusReplicasPath: storage.subresources.scale.statusReplicasPath ?? '.status.replicas',
            ...(storage.subresources.scale.labelSelectorPath ? { labelSelectorPath: storage.subresources.scale.labelSelectorPath } : {}),
          },
        }
      : {}),
    crdName: crd.metadata.name,
  };
}

/** The status the apiextensions controller would write: names accepted, established. */
export function establishedStatus(crd: KubeObject, now: string): Record<string, unknown> {
  const names = (crd.spec as CrdSpec).names ?? {};
  const storage = ((crd.spec as CrdSpec).versions ?? []).filter((v) => v.storage).map((v) => v.name);
  return {
    acceptedNames: { plural: names.plural, singular: names.singular ?? names.kind?.toLowerCase(), kind: names.kind, listKind: names.listKind ?? `${names.kind}List`, ...(names.shortNames ? { shortNames: names.shortNames } : {}), ...(names.categories ? { categories: names.categories } : {}) },
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    storedVersions: storage,
  };
}
