// The feed's functions for integrations, in one module: the support status of every region and
// channel at an instant (support-schedule.js) and what lies ahead of it (support-ahead.js). Pure
// functions of support.json (schema_version 1) and an instant; the rules are written at the top of
// support-schedule.js. Published beside the two modules it imports:
//
//   import { supportStatus, responseDue, expandFeed } from "https://support.example/assets/javascripts/support-status.js";

export { channelStatus, expandFeed, hoursChanges, noticeStates, noticesConcerning, supportStatus, text, utcOffset } from "./support-schedule.js";
export { defaultPriority, firstResponse, guessRegion, responseDue, upcomingClosures } from "./support-ahead.js";
