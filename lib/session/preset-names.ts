// The names SESSION_POLICY accepts, one for each preset in policy.ts (TypeScript keeps the two
// lists equal). Apart from the presets so that lib/env.ts can check the name at start-up without
// importing the policy, which reads the env: a leaf, importing nothing.
export const POLICY_PRESET_NAMES = ["default", "strict"] as const;

export type PolicyPreset = (typeof POLICY_PRESET_NAMES)[number];
