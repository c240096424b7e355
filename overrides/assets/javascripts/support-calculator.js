// The first-response calculator (loaded by support-widget.js on a page that has one): the
// reader picks a region and a priority and reads by when a first response is due, in the
// region's zone and the reader's, and how the target is counted.

import { defaultPriority, firstResponse, guessRegion, responseDue } from "./support-ahead.js";
import { MINUTE, noticeStates, noticesConcerning, offered, text } from "./support-schedule.js";
import { asOf, duration, fill, h, moment, noticeLines, plain, schedule, setAttr, setText } from "./support-widget.js";

let counter = 0;
export function calculator(root, policy, lang, s) {
  const id = `support-calculator-${++counter}`;
  const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const regionSelect = h("select", { id: `${id}-region`, name: "region" },
    ...policy.regions.map((r) => h("option", { value: r.id }, plain(text(r.name, lang, policy)))));
  const prioritySelect = h("select", { id: `${id}-priority`, name: "priority" },
    ...policy.priorities.map((p) => h("option", { value: p.id }, plain(text(p.name, lang, policy)))));
  regionSelect.value = guessRegion(policy, viewer).id;
  prioritySelect.value = defaultPriority(policy).id;
  // The answer changes every minute ("in 3 hours" counts down): it is not read out each time
  // (aria-live off); the live line says it once after each choice of the reader.
  const output = h("output", { class: "support-calculator__result", for: `${id}-region ${id}-priority`, "aria-live": "off" });
  const note = h("p", { class: "support-calculator__note" });
  // The notices in effect for the region and the channel a priority is answered via, as the live
  // status and the contact page show them beside the region and the channel.
  const notices = h("p", { class: "support-status__notices support-calculator__notices" });
  const live = h("p", { class: "support-widget__live", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  let asked = false;
  const form = h("form", { class: "support-calculator__form" },
    h("div", { class: "support-calculator__field" }, h("label", { for: regionSelect.id }, s.region), regionSelect),
    h("div", { class: "support-calculator__field" }, h("label", { for: prioritySelect.id }, s.priority), prioritySelect),
  );
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", () => {
    asked = true;
    schedule();
  });
  const stamp = h("p", { class: "support-widget__as-of" });
  root.replaceChildren(form, stamp, output, note, notices, live);
  root.hidden = false;

  function update(now) {
    const region = policy.regions.find((r) => r.id == regionSelect.value);
    const priority = policy.priorities.find((p) => p.id == prioritySelect.value);
    const result = responseDue(policy, region.id, priority.id, now);
    const target = firstResponse(policy, region, priority, now);
    setAttr(output, "data-due", result.due ? result.due.toISOString() : "");
    setText(output, result.due
      ? fill(s.due, { ...moment(result.due, region.zone, lang, s, now, s.aside_comma), left: duration(result.due - now, lang, s) })
      : s.due_beyond);
    const via = priority.via && (policy.channels || []).find((c) => c.id == priority.via);
    const vars = { priority: fill(s.priority_name, { name: text(priority.name, lang, policy) }), region: text(region.name, lang, policy), target: target ? targetWords(target, lang, s) : "", channel: via ? fill(s.channel_name, { name: text(via.name, lang, policy) }) : "" };
    const counted = target ? fill(target.clock != "business" ? s.calendar : result.channel ? s.business_channel : s.business, vars) : "";
    // Where the count goes on on other hours before the due time (the channel's first or last
    // instant), from when, in the channel's zone: as the priorities page's "(from ...; until then
    // in business hours)".
    const zone = (via && via.available && via.available.zone) || region.zone;
    const switches = result.due && target.clock == "business" ? (result.switches || []).map((sw) =>
      fill(sw.channel ? s.count_channel : s.count_region, { ...vars, at: moment(sw.at, zone, lang, s, now).at })) : [];
    // A channel the target does not count on is still named ("... are answered via Support
    // portal."), while it is offered.
    const [from, until] = via ? offered(via) : [];
    const named = via && from <= now && now < until && !(result.channel && target.clock == "business");
    setText(note, [counted, ...switches, named ? fill(s.via, vars) : ""].filter(Boolean).join(" "));
    const states = noticeStates(policy, now);
    const concerning = [...noticesConcerning(states, { region: region.id }), ...(named || result.channel ? noticesConcerning(states, { channel: via.id }) : [])];
    noticeLines(notices, concerning.filter((st, i) => concerning.findIndex((o) => o.id == st.id) == i), policy, lang, s, now);
    setText(stamp, asOf(now, lang, s));
    if (asked) live.replaceChildren(...[...output.childNodes].map((n) => n.cloneNode(true)));
    asked = false;
    return Math.min(...states.map((st) => (st.nextChange ? +st.nextChange : Infinity)));
  }
  return { root, update };
}

// A target as the priorities page writes it ("4 business hours"), from the build's words.
function targetWords(target, lang, s) {
  const words = s.targets && s.targets[`${target.minutes}${target.clock == "business" ? "b" : "c"}`];
  return words || duration(target.minutes * MINUTE, lang, s, false);
}
