/** Stack profiles: load and validate them (resources/stacks/*.yaml), and detect where they are installed. */
export { parseProfile, loadProfileFile, loadProfileDir, loadBuiltinProfiles, builtinStacksDir, ProfileError } from './load.ts';
export { detectInstallations, resolveInstallation, describeInstallation, workloadKindKey, type Installation, type ResolvedComponent } from './detect.ts';
export { matchPattern, fillPattern, placeholdersOf, type Bindings } from './patterns.ts';
export type { StackProfile, ProfileComponent, ProfileEdge, ProfilePort } from '../../../shared/model/profile.ts';
