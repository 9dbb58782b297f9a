export { SOURCETYPES, CATEGORY_KIND, type RecordKind, type FindingKind } from "./kinds.js";
export { toCimEvents, interactionEvent, findingEvent, riskEvent, type CimEvent } from "./events.js";
export { PLACEHOLDERS, CIM_SEVERITY, cimAction, cimUser, eventId } from "./values.js";
