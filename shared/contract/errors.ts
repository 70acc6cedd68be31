import { z } from 'zod';

/**
 * Every failure that crosses the contract has one of these codes, so hosts can map them
 * (HTTP status, CLI exit code) without parsing messages.
 */
export const ErrorCodeSchema = z.enum([
  'invalid_input', // payload failed its schema (HTTP 400, CLI 2)
  'unknown_operation',
  'not_found',
  'invalid_config', // e.g. a malformed kubeconfig: the message names file and field
  'unauthorized',
  'forbidden',
  'conflict',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ContractErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Where the problem is, when known: a file path, a field path, an object reference. */
  where: z.string().optional(),
});
export type ContractErrorBody = z.infer<typeof ContractErrorSchema>;

/** A thrown error carrying a contract code; hosts turn it into a ContractErrorBody. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly where?: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toBody(): ContractErrorBody {
    return this.where === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, where: this.where };
  }
}

export function toErrorBody(err: unknown): ContractErrorBody {
  if (err instanceof ContractError) return err.toBody();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}

export const httpStatusFor: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_operation: 404,
  not_found: 404,
  invalid_config: 422,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** One line per issue, "path: message", so a person sees what was wrong and where. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
