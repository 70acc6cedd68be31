import { z } from 'zod';

/**
 * A stack profile: everything an inspection needs to know about one product (Tracetest On-Prem,
 * Testkube, ...) as data. Built-in profiles live in resources/stacks/*.yaml; users add their own
 * in the same format (resources/stacks/README.md). Names never carry secret values.
 *
 * Name patterns may hold placeholders such as `{release}` or `{deps}`: detection binds each
 * placeholder from the names it finds in the cluster (e.g. `{release}-tracetest-cloud` matching
 * `tt-tracetest-cloud` binds release=tt), and every other pattern of the same installation
 * is then filled in with those bindings.
 */

const idPattern = /^[a-z][a-z0-9-]*$/;
const ComponentId = z.string().regex(idPattern, 'must be lower-case letters, digits and dashes, starting with a letter');
/** A Kubernetes object name, optionally with `{placeholder}` parts. */
const NamePattern = z
  .string()
  .min(1)
  .regex(/^(?:[a-z0-9.-]|\{[a-zA-Z][a-zA-Z0-9]*\})+$/, 'must be a Kubernetes name, with optional {placeholder} parts');
const PortRef = z.union([z.string().min(1), z.number().int().min(1).max(65535)]);

export const WorkloadKindSchema = z.enum(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
export type WorkloadKind = z.infer<typeof WorkloadKindSchema>;

export const ProfilePortSchema = z
  .object({
    name: z.string().min(1),
    number: z.number().int().min(1).max(65535),
    protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
    /** The container port the Service should forward to, when it differs from `number`. */
    targetPort: PortRef.optional(),
    /** The Service exposing this port when it is not the component's main Service (e.g. Kratos public vs admin). */
    service: NamePattern.optional(),
  })
  .strict();
export type ProfilePort = z.infer<typeof ProfilePortSchema>;

export const HealthSchema = z
  .object({
    path: z.string().startsWith('/'),
    port: PortRef,
    scheme: z.enum(['HTTP', 'HTTPS']).default('HTTP'),
  })
  .strict();

export const ComponentSchema = z
  .object({
    id: ComponentId,
    title: z.string().min(1),
    description: z.string().optional(),
    kind: WorkloadKindSchema,
    find: z
      .object({
        /** The workload name, e.g. `{release}-tracetest-cloud`. */
        name: NamePattern,
        /** Where it usually lives; detection also looks in the installation's namespace. */
        namespace: z.string().optional(),
        /** Labels the workload carries (equality match), in addition to the name. */
        labels: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    /** The component's main Service; defaults to the workload name when the component has ports. */
    service: NamePattern.optional(),
    ports: z.array(ProfilePortSchema).default([]),
    health: HealthSchema.optional(),
    /** Image repositories without tag, e.g. `kubeshop/tracetest-cloud`. */
    images: z.array(z.string().min(1)).default([]),
    replicas: z.number().int().min(0).optional(),
    /** Absent is fine (disabled by default, or an alternative such as PostgreSQL vs MongoDB). */
    optional: z.boolean().default(false),
    /** Finding this component means the stack is installed (detection starts from anchors). */
    anchor: z.boolean().default(false),
    /** Needs the internet (e.g. a license server); not expected when the site is air-gapped. */
    online: z.boolean().default(false),
  })
  .strict();
export type ProfileComponent = z.infer<typeof ComponentSchema>;

export const KeyRefSchema = z.object({ name: NamePattern, key: z.string().min(1) }).strict();

export const EdgeSchema = z
  .object({
    consumer: ComponentId,
    provider: ComponentId,
    /** Port name or number on the provider component. */
    port: PortRef,
    purpose: z.string().min(1),
    /** Where the consumer configures the provider's address: names only, never values. */
    configuredBy: z
      .object({
        env: z.array(z.string().min(1)).default([]),
        configMapKeys: z.array(KeyRefSchema).default([]),
        secretKeys: z.array(KeyRefSchema).default([]),
      })
      .strict()
      .default({ env: [], configMapKeys: [], secretKeys: [] }),
    /** Edges sharing a group are alternatives: only the providers that are installed are checked. */
    group: z.string().optional(),
  })
  .strict();
export type ProfileEdge = z.infer<typeof EdgeSchema>;

export const HostnamesSchema = z
  .object({
    /** The stack's DNS name, e.g. `tracetest.localdev`; a site can override it at inspection time. */
    domain: z.string().min(1),
    /** `*.<domain>` must resolve too (Tracetest managed agents, Testkube subdomains). */
    wildcard: z.boolean().default(false),
    /** Names below the domain that must resolve and be routed: `dashboard` → `dashboard.<domain>`. */
    subdomains: z.array(z.string().min(1)).default([]),
    /** The Service that in-cluster DNS should send these names to (the ingress controller). */
    ingressService: z.object({ name: NamePattern, namespace: z.string().optional() }).strict(),
  })
  .strict();
export type ProfileHostnames = z.infer<typeof HostnamesSchema>;

export const IssuerRefSchema = z.object({ kind: z.enum(['Issuer', 'ClusterIssuer']), name: NamePattern }).strict();

export const ExpectedCertificateSchema = z
  .object({
    name: NamePattern,
    /** Defaults to the certificate name. */
    secretName: NamePattern.optional(),
    issuer: IssuerRefSchema,
    /** The certificate must cover the profile's hostnames (domain, subdomains, wildcard). */
    dnsNamesFromHostnames: z.boolean().default(false),
    dnsNames: z.array(z.string().min(1)).default([]),
    /** A signing certificate (Tracetest `jwt-sign-cert`), not a serving one. */
    isCA: z.boolean().default(false),
    purpose: z.string().optional(),
  })
  .strict();
export type ExpectedCertificate = z.infer<typeof ExpectedCertificateSchema>;

export const ExpectedIssuerSchema = IssuerRefSchema.extend({
  type: z.enum(['selfSigned', 'ca', 'acme', 'vault', 'other']).default('other'),
}).strict();
export type ExpectedIssuer = z.infer<typeof ExpectedIssuerSchema>;

export const StackProfileSchema = z
  .object({
    name: ComponentId,
    title: z.string().min(1),
    description: z.string().optional(),
    /** Production installs must not serve self-signed certificates. */
    production: z.boolean().default(false),
    /**
     * Cluster-scoped custom resources whose presence also means the stack is installed, for stacks
     * whose operator may run elsewhere (Tronador environments). The installation's namespace is then
     * the first anchor's namespace hint.
     */
    detectByKinds: z.array(z.string().min(1)).default([]),
    /** Values for placeholders detection could not bind (e.g. when the component that names them is missing). */
    placeholders: z.record(z.string(), z.string()).default({}),
    prerequisites: z
      .object({
        certManager: z.boolean().default(false),
        ingressController: z.enum(['traefik', 'nginx', 'none']).default('none'),
      })
      .strict()
      .default({ certManager: false, ingressController: 'none' }),
    /** CRDs the stack needs, by full name: `certificates.cert-manager.io`. */
    crds: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9.-]+$/, 'must be <plural>.<group>')).default([]),
    components: z.array(ComponentSchema).min(1),
    edges: z.array(EdgeSchema).default([]),
    hostnames: HostnamesSchema.optional(),
    certificates: z.array(ExpectedCertificateSchema).default([]),
    issuers: z.array(ExpectedIssuerSchema).default([]),
    /** Air-gapped sites pull every image from this registry; `images` lists what it mirrors. */
    airGap: z
      .object({
        mirrorRegistry: z.string().min(1),
        images: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
    /** Components that are alternative databases; the one in use is reported (Testkube: MongoDB vs PostgreSQL). */
    database: z.object({ alternatives: z.array(ComponentId).min(2) }).strict().optional(),
    tronador: z
      .object({
        configName: z.string().default('tronador-config'),
        staleAfterDays: z.number().positive().default(7),
      })
      .strict()
      .optional(),
    challManager: z
      .object({
        janitor: ComponentId,
        etcd: ComponentId.optional(),
        janitorStaleMinutes: z.number().positive().default(5),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const ids = new Set<string>();
    profile.components.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['components', i, 'id'], message: `duplicate component id "${c.id}"` });
      ids.add(c.id);
    });
    const byId = new Map(profile.components.map((c) => [c.id, c]));
    profile.edges.forEach((e, i) => {
      for (const side of ['consumer', 'provider'] as const) {
        if (!byId.has(e[side])) ctx.addIssue({ code: 'custom', path: ['edges', i, side], message: `unknown component "${e[side]}"` });
      }
      const provider = byId.get(e.provider);
      if (provider && !provider.ports.some((p) => p.name === e.port || p.number === e.port)) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'port'], message: `component "${e.provider}" has no port ${JSON.stringify(e.port)}` });
      }
    });
    if (!profile.components.some((c) => c.anchor)) {
      ctx.addIssue({ code: 'custom', path: ['components'], message: 'at least one component must be marked anchor: true (detection starts from it)' });
    }
    const refs: Array<[string | undefined, (string | number)[]]> = [
      ...(profile.database?.alternatives ?? []).map((id, i): [string, (string | number)[]] => [id, ['database', 'alternatives', i]]),
      [profile.challManager?.janitor, ['challManager', 'janitor']],
      [profile.challManager?.etcd, ['challManager', 'etcd']],
    ];
    for (const [id, path] of refs) {
      if (id !== undefined && !byId.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown component "${id}"` });
    }
  });
export type StackProfile = z.infer<typeof StackProfileSchema>;
export type StackProfileInput = z.input<typeof StackProfileSchema>;
