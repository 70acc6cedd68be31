import { ContractError } from '../../../shared/contract/errors.ts';

/**
 * A Corefile that CoreDNS would reject (or that we cannot patch safely). The message reads
 * `<source>:<line>:<column>: <problem>`, so hosts can show it as is; it is an `invalid_config`
 * ContractError so the contract layer maps it without special cases.
 */
export class CorefileError extends ContractError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super('invalid_config', `${source}:${line}:${column}: ${problem}`, `${source}:${line}:${column}`);
    this.name = 'CorefileError';
  }
}
