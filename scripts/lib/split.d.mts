/** True for the 20% of dev rows held out from training (by a hash of `id`). */
export function isHeldOut(id: string): boolean;
