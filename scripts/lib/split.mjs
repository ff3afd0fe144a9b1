// The deterministic train / held-out split of the dev data, shared by the
// training script, the benchmark and the accuracy-floor test: a review is
// held out when the FNV-1a hash of its `id` is 0 mod 5 (20%).
export function isHeldOut(id) {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 5 === 0;
}
