/**
 * The platform's card-signing public keys the app verifies cards against, offline. The local stage's key belongs
 * to the development seed in shared/runtime/config.ts (LOCAL_DEV_MEMBER_CARD_SIGNING_KEY); a deployed build adds the
 * stage's own key through MEMBER_CARD_PUBLIC_KEY (the app's build constants), from its SSM signing key.
 */
export const LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY = '7f5c1ec151ea368d7d8d732143fa0bdaa34b08be1b69fad482fa62f194d69303';

/** A deployed build trusts its stage's key only: the development seed is public, anyone could sign with it. */
export function cardPublicKeys(deployedKeyHex: string | undefined): string[] {
  return deployedKeyHex && /^[0-9a-f]{64}$/.test(deployedKeyHex) ? [deployedKeyHex] : [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY];
}
