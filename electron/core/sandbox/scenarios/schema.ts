/**
 * The scenario file format (resources/sandbox/scenarios/<name>.yaml). A scenario is data: the
 * nodes, the mirror registry, the Kubernetes objects to create (inline or from shared fragment
 * files), the faults to simulate (plants) and the findings an inspection must report (faults).
 */
import { z } from 'zod';
import { FAULTS } from '../controllers/context.ts';

const Name = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a lower-case DNS name');

export const ObjectRefSchema = z
  .object({
    kind: z.string().min(1),
    namespace: z.string().min(1).optional(),
    name: z.string().min(1),
  })
  .strict();
export type ObjectRef = z.infer<typeof ObjectRefSchema>;

/** A Kubernetes object as written in a scenario: apiVersion, kind and metadata.name at least. */
export const KubeObjectSchema = z
  .object({
    apiVersion: z.string().min(1),
    kind: z.string().min(1),
    metadata: z.object({ name: z.string().min(1), namespace: z.string().min(1).optional() }).passthrough(),
  })
  .passthrough();

export const NodeSchema = z
  .object({
    name: Name,
    labels: z.record(z.string(), z.string()).default({}),
    /** Node capacity, e.g. { cpu: "4", memory: "16Gi" }. */
    capacity: z.record(z.string(), z.string()).optional(),
    controlPlane: z.boolean().default(false),
  })
  .strict();

export const PlantSchema = z
  .object({
    kind: z.string().min(1),
    namespace: z.string().optional(),
    name: z.string().min(1),
    fault: z.enum(FAULTS),
    message: z.string().optional(),
    dnsNames: z.array(z.string()).optional(),
  })
  .strict();

/** A planted fault as the inspection must report it. */
export const PlantedFaultSchema = z
  .object({
    /** Short stable id within the scenario, e.g. `corefile-missing-rewrite`. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    description: z.string().min(1),
    /** The object the fault lives in. */
    object: ObjectRefSchema,
    expect: z
      .object({
        /** A check id from the shared list (workload.image-pull, cert.expired, …). */
        check: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/),
        /** `<namespace or _>/<name>` as in finding ids. */
        object: z.string().regex(/^[^/]+\/[^/]+$/),
      })
      .strict(),
  })
  .strict();
export type PlantedFault = z.infer<typeof PlantedFaultSchema>;

const TargetedPatchSchema = z
  .object({
    target: ObjectRefSchema,
    /** An RFC 7386 JSON merge patch (null deletes; arrays are replaced whole). */
    patch: z.record(z.string(), z.unknown()),
  })
  .strict();

export const ScenarioFileSchema = z
  .object({
    name: Name,
    title: z.string().min(1),
    description: z.string().min(1),
    /** Another scenario whose nodes, registry, objects and plants this one starts from (its faults are not inherited). */
    extends: Name.optional(),
    /** Stack profiles installed (resources/stacks/<name>.yaml). */
    stacks: z.array(z.string()).default([]),
    /** Fragment files (relative to the scenarios folder) whose `objects` come first, in order. */
    include: z.array(z.string().regex(/^[a-z0-9][-a-z0-9./]*\.ya?ml$/)).default([]),
    nodes: z.array(NodeSchema).min(1).max(3).optional(),
    /** The site's mirror registry. In a scenario that extends another, fields left out are inherited. */
    registry: z
      .object({
        mirror: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, 'host[:port]').optional(),
        images: z.array(z.string().min(1)).optional(),
        /** No route out of the site: images from any other registry fail to pull. */
        airGapped: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** Objects to create; a later object with the same kind, namespace and name replaces an earlier one. */
    objects: z.array(KubeObjectSchema).default([]),
    patches: z.array(TargetedPatchSchema).default([]),
    remove: z.array(ObjectRefSchema).default([]),
    plants: z.array(PlantSchema).default([]),
    faults: z.array(PlantedFaultSchema).default([]),
  })
  .strict();
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;

/** A fragment file: only objects. */
export const FragmentFileSchema = z.object({ objects: z.array(KubeObjectSchema) }).strict();
