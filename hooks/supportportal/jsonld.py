# schema.org JSON-LD for search engines: the company as an Organization with one ContactPoint per
# support region, carrying the weekly hours and every closed or special day still ahead.
#
# Conventions (https://schema.org/OpeningHoursSpecification, Google's "holiday hours"):
#   - times are the region's local times ("10:00"), as on the hours page; the zone is named in the
#     ContactPoint's description because schema.org has no time-zone property for opening hours
#   - a closed day: validFrom = validThrough = the date, opens = closes = "00:00"
#   - a day with special hours: the same dates with that day's opening and closing time
#   - closing at midnight is "23:59"; a closing time before the opening time runs past midnight

from __future__ import annotations

import json
import re

from . import catalog
from .model import MINUTES_PER_DAY, WEEKDAYS, Interval, Policy

CONTEXT = "https://schema.org"
DAYS = tuple(f"https://schema.org/{day.capitalize()}" for day in WEEKDAYS)
CLOSED = {"opens": "00:00", "closes": "00:00"}
# The contact type stays "customer support" in every language: search engines know that value.
CONTACT_TYPE = "customer support"
# Inside <script>, "</script" or "<!--" would end or change the element: JSON can say these
# characters as \u escapes instead (they only ever occur inside JSON strings).
_UNSAFE = re.compile("[<>&\u2028\u2029]")


# The Organization with its support contact points, as plain data, in one language's texts.
def organization(policy: Policy, lang: str | None = None) -> dict:
    main = policy.languages[0]
    lang = lang or main
    data = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": f"{policy.site_url}#organization",
        "name": policy.company,
        "url": policy.site_url,
        "description": policy.site_description.get(lang, main),
        "address": {"@type": "PostalAddress", "addressLocality": policy.city.get(lang, main),
                    "addressCountry": policy.country.get(lang, main)},
        "contactPoint": [],
    }
    for region in policy.regions:
        name = region.name.get(lang, main)
        point = {
            "@type": "ContactPoint",
            "identifier": region.id,
            "name": name,
            "contactType": CONTACT_TYPE,
            "areaServed": name,
            "availableLanguage": list(policy.languages),
            "description": catalog.get(lang)("jsonld.zone", region=name, zone=region.zone),
            **_channels(policy),
            "hoursAvailable": _weekly(region.weekly) + _days(policy, region.id, lang, main),
        }
        data["contactPoint"].append(point)
    return data


# The JSON text for a <script type="application/ld+json"> element: compact, and unable to end it.
def script_text(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Helper functions

# The first address of each kind: email, telephone, and a web page (portal, form or chat).
def _channels(policy: Policy) -> dict:
    found: dict = {}
    for channel in policy.channels:
        if channel.type == "email":
            found.setdefault("email", channel.address)
        elif channel.type == "phone":
            found.setdefault("telephone", channel.address)
        else:
            found.setdefault("url", channel.address)
    return found


# One specification per opening interval, naming every weekday that has it.
def _weekly(weekly: tuple) -> list:
    days_of: dict = {}
    for index, intervals in enumerate(weekly):
        for interval in intervals:
            days_of.setdefault(interval, []).append(DAYS[index])
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": days, **_times(interval)}
            for interval, days in sorted(days_of.items(), key=lambda kv: (DAYS.index(kv[1][0]), kv[0]))]


# Closed and special days from the build date to the end of the horizon.
def _days(policy: Policy, region_id: str, lang: str, main: str) -> list:
    specs = []
    for day in policy.overrides[region_id]:
        if day.date < policy.today:
            continue
        dates = {"validFrom": day.date.isoformat(), "validThrough": day.date.isoformat()}
        for times in [_times(iv) for iv in day.hours] or [CLOSED]:
            specs.append({"@type": "OpeningHoursSpecification", "name": day.name.get(lang, main),
                          **dates, **times})
    return specs


def _times(interval: Interval) -> dict:
    opens, closes = interval.hhmm()
    if interval.end == MINUTES_PER_DAY:
        closes = "23:59"
    return {"opens": opens, "closes": closes}
