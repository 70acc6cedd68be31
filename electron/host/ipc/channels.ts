/** IPC channel names shared by main and preload: one invoke channel per contract operation. */
export const invokeChannel = (op: string) => `gc:invoke:${op}`;
export const STREAM_SUBSCRIBE = 'gc:stream:subscribe';
export const STREAM_UNSUBSCRIBE = 'gc:stream:unsubscribe';
export const STREAM_MESSAGE = 'gc:stream:message';
