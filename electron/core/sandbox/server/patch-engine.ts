/**
 * The one place the server picks its patch implementation (the sandbox patch module once it
 * exports applyPatch/serverSideApply/trackUpdate; until then the fallback with the same API).
 */
export { applyPatch, patchTypeFromContentType, serverSideApply, trackUpdate, type PatchType } from './patch-fallback.ts';
