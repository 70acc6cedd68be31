/**
 * The one place the server picks its patch implementation: the sandbox patch module
 * (json, merge, strategic merge, server-side apply, managedFields for updates).
 */
export { applyPatch, patchTypeFromContentType, serverSideApply, trackUpdate, type PatchType } from '../patch/index.ts';
