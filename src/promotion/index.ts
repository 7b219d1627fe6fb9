/**
 * Promotion of contract versions through environments (dev, then staging, then prod, as
 * `stacks/promotion.json` orders them): the rules a pin must pass, as a plan that `promote`
 * writes and as an audit that `schema check` and the stacks run over pins edited by hand.
 */
export { loadPromotionState } from "./state";
export type { PromotionState } from "./state";
export { planPromotion, planPromotionFrom } from "./plan";
export type { PromotionChange, PromotionPlan, PromotionScope, Refusal } from "./plan";
export { auditPins } from "./audit";
export { applyPromotion, assertPinsPromoted, readPromotionOrder } from "./apply";
export { readPromotionOrderFile } from "./order";
export { withPinsLock, PINS_LOCK } from "./lock";
