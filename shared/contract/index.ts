export * from './errors.ts';
export * from './operations.ts';
export * from './streams.ts';
export * from './envelope.ts';
