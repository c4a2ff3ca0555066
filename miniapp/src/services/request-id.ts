/**
 * A client-made id for a write that a weak network may repeat: the same id is sent again on every retry of
 * one action, so the server carries it out once. Math.random is enough for uniqueness (no secrecy needed)
 * and exists on every WeChat base library.
 */
export function newRequestId(prefix: string): string {
  const random = () => Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${random()}${random()}`.slice(0, 64);
}
