# support.ics: every closure as an RFC 5545 calendar that Outlook, Google and Apple Calendar can
# subscribe to. Escaping and line folding are the icalendar package's; UIDs are stable across
# rebuilds (derived from date, kind, name and regions), DTSTAMP is the build date.

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from urllib.parse import urlsplit

import icalendar

from . import textfmt
from .model import Policy

TEXTS = {
    "en": {"closed": "Support closed: {name}", "special": "Special support hours: {name}",
           "regions": "Regions: {regions}", "calname": "{company} support closures",
           "hours": "Open {hours} ({zone})"},
    "de": {"closed": "Support geschlossen: {name}", "special": "Geänderte Supportzeiten: {name}",
           "regions": "Regionen: {regions}", "calname": "{company} Support-Schließtage",
           "hours": "Geöffnet {hours} ({zone})"},
}


# The calendar of every closure within the horizon, in one language.
def support_calendar(policy: Policy, lang: str = "en") -> bytes:
    texts = TEXTS.get(lang, TEXTS["en"])
    host = urlsplit(policy.site_url).hostname or "support.invalid"
    stamp = dt.datetime.combine(policy.today, dt.time(0), dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{policy.company}//Support portal//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", texts["calname"].format(company=policy.company))
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")

    # All-day closures shared by several regions become one event; special hours are per region.
    grouped: dict = {}
    for region in policy.regions:
        for o in policy.overrides[region.id]:
            key = (o.date, o.kind, o.name, o.hours, region.zone if o.hours else None)
            grouped.setdefault(key, []).append(region)
    for (date, kind, name, hours, zone), regions in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].values)):
        title = name.get(lang, policy.languages[0])
        region_names = textfmt.join_words([r.name.get(lang, policy.languages[0]) for r in regions], lang)
        uid_source = "|".join([date.isoformat(), kind, repr(name.values), ",".join(r.id for r in regions),
                               repr(hours)])
        uid = hashlib.sha256(uid_source.encode()).hexdigest()[:24]
        event = icalendar.Event()
        event.add("uid", f"{date.isoformat()}-{uid}@{host}")
        event.add("dtstamp", stamp)
        description = [texts["regions"].format(regions=region_names)]
        if hours:
            tz = zoneinfo.ZoneInfo(zone)
            first, last = hours[0], hours[-1]
            event.add("summary", texts["special"].format(name=title))
            event.add("dtstart", _local(date, first.start, tz))
            event.add("dtend", _local(date, last.end, tz))
            description.append(texts["hours"].format(hours=textfmt.format_intervals(hours, lang),
                                                     zone=textfmt.zone_abbreviations(zone, lang, date.year)))
            event.add("transp", "TRANSPARENT")
        else:
            event.add("summary", texts["closed"].format(name=title))
            event.add("dtstart", date)
            event.add("dtend", date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        event.add("description", "\n".join(description))
        event.add("categories", [kind.replace("_", " ")])
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _local(date: dt.date, minutes: int, tz) -> dt.datetime:
    days, minutes = divmod(minutes, 24 * 60)
    return dt.datetime.combine(date + dt.timedelta(days=days), dt.time(minutes // 60, minutes % 60), tzinfo=tz)
