# The support policy as plain, validated Python values. Nothing here reads files or knows MkDocs.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MINUTES_PER_DAY = 24 * 60


# A text in one or more languages; `languages[0]` of the policy is the language of plain strings.
@dataclass(frozen=True)
class Text:
    values: tuple  # ((lang, text), ...)
    # A public holiday's official name, in its country's language ("Erster Weihnachtstag" in
    # Munich, "Thanksgiving Day" in New York): shown beside the edition's name where they differ.
    official: str | None = None
    # Its language's code ("de", "en"): the pages mark it so on an edition of another language.
    official_language: str | None = None

    def get(self, lang: str, fallback: str | None = None) -> str:
        found = dict(self.values)
        if lang in found:
            return found[lang]
        if fallback and fallback in found:
            return found[fallback]
        return self.values[0][1]

    def has(self, lang: str) -> bool:
        return lang in dict(self.values)

    def as_dict(self) -> dict:
        return dict(self.values)


# An opening interval on one local date, in minutes after that date's midnight. `end` lies in
# (start, start + 1440]: 1440 is the next midnight, beyond it the interval runs past midnight.
@dataclass(frozen=True, order=True)
class Interval:
    start: int
    end: int

    @property
    def crosses_midnight(self) -> bool:
        return self.end > MINUTES_PER_DAY

    def hhmm(self) -> tuple[str, str]:
        return _hhmm(self.start), _hhmm(self.end if self.end == MINUTES_PER_DAY else self.end % MINUTES_PER_DAY)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Calendar:
    id: str
    name: Text
    country: str
    subdivision: str | None
    categories: tuple
    # Holiday names the policy gives for languages the `holidays` package lacks:
    # ((English name, Text), ...), from `names:` in holidays.yml.
    names: tuple = ()


# New weekly hours from a date on (`changes:` in regions.yml): they apply to every interval that
# starts on that date or later, in the zone of the hours.
@dataclass(frozen=True)
class HoursChange:
    start: dt.date  # `from:` as written
    weekly: tuple  # 7 tuples of Interval, Monday first: the full new weekly hours


@dataclass(frozen=True)
class Region:
    id: str
    name: Text
    zone: str
    weekly: tuple  # 7 tuples of Interval, Monday first; in force at the horizon start once loaded
    calendar: str | None
    changes: tuple = ()  # HoursChange, by date; once loaded only those after the horizon start


# A company closure or special-hours rule as written in holidays.yml.
@dataclass(frozen=True)
class Closure:
    name: Text
    date: dt.date | None
    until: dt.date | None
    every_year: tuple | None  # (month, day)
    hours: tuple | None  # None: closed all day
    regions: tuple | None  # None: every region (and every channel), unless `channels` names some
    channels: tuple | None = None  # channel ids it applies to; with regions None: these channels only

    # Whether it applies to a region, or to a channel's own hours.
    def applies_to(self, region: str | None = None, channel: str | None = None) -> bool:
        if self.regions is None and self.channels is None:
            return True
        return (region is not None and region in (self.regions or ())) or \
            (channel is not None and channel in (self.channels or ()))


# One date of one region that differs from the weekly hours: a holiday, a closure or special hours.
@dataclass(frozen=True)
class DayOverride:
    date: dt.date
    kind: str  # "holiday" | "closure" | "special_hours"
    name: Text
    hours: tuple  # () is closed all day
    calendar: str | None = None


# The hours a channel is staffed: its own (zone, weekly hours, holiday calendar) or those of the
# region named in `region`. The same parts as a Region, so the same code computes its days.
@dataclass(frozen=True)
class Schedule:
    zone: str
    weekly: tuple  # 7 tuples of Interval, Monday first
    calendar: str | None
    region: str | None = None  # the region whose hours these are
    changes: tuple = ()  # HoursChange, by date (a region's, with same_hours_as)


@dataclass(frozen=True)
class Channel:
    id: str
    name: Text
    type: str
    address: str
    description: Text | None
    schedule: Schedule | None = None  # None: staffed around the clock
    priorities: tuple | None = None  # priority ids it is meant for; None: every priority
    outside_hours: str | None = None  # "accepted" | "not_staffed"; None without a schedule
    available_from: dt.date | None = None  # offered from this date on (`from:`); None: already
    available_until: dt.date | None = None  # offered up to and including this date (`until:`)

    # Whether the channel is offered on a date (in the zone of its availability).
    def offered(self, date: dt.date) -> bool:
        return (self.available_from is None or self.available_from <= date) and \
            (self.available_until is None or date <= self.available_until)

    @property
    def around_the_clock(self) -> bool:
        return self.schedule is None

    @property
    def written(self) -> bool:
        return self.type in ("portal", "email", "form")

    @property
    def href(self) -> str:
        if self.type == "email":
            return f"mailto:{self.address}"
        if self.type == "phone":
            return "tel:" + self.address.replace(" ", "")
        return self.address


# A duration from the policy: minutes, and whether they count business time or calendar time.
@dataclass(frozen=True)
class Target:
    minutes: int
    business: bool
    text: str  # as written in the policy


# New targets from a date on (`changes:` in priorities.yml), for requests made from 00:00 of that
# date in the customer's region's zone. Both targets as in force from then (unchanged ones carried over).
@dataclass(frozen=True)
class TargetChange:
    start: dt.date
    first_response: Target
    update_interval: Target | None


@dataclass(frozen=True)
class Priority:
    id: str
    name: Text
    definition: Text
    examples: tuple
    first_response: Target
    update_interval: Target | None
    around_the_clock: bool
    default: bool
    via: str | None = None  # the channel whose hours a business-time target counts on
    changes: tuple = ()  # TargetChange, by date; once loaded only those after the horizon start


# A notice from notices.yml: support disrupted or reduced for a while. Instants are aware UTC
# datetimes; the notice is shown as planned from `announce`, is active in [start, end) and
# stays listed as ended until `shown_until` (None with an open end: it never ends).
@dataclass(frozen=True)
class Notice:
    id: str
    kind: str  # "information" | "reduced_service" | "disruption"
    title: Text
    text: Text
    zone: str
    all_day: bool  # start and end were written as dates: whole days in `zone`
    start: dt.datetime
    end: dt.datetime | None  # None: until further notice
    announce: dt.datetime
    updated: dt.datetime
    regions: tuple  # ids of the regions concerned (every region when notices.yml names none)
    channels: tuple = ()  # ids of the channels concerned
    shown_until: dt.datetime | None = None

    # The notice's state at an instant: pending, planned, active, ended or expired (half-open).
    def state(self, when: dt.datetime) -> str:
        if when < self.announce:
            return "pending"
        if when < self.start:
            return "planned"
        if self.end is None or when < self.end:
            return "active"
        return "ended" if when < self.shown_until else "expired"


# The first day the site publishes for a build on `today`: 1 January of its year; built on 1
# January, of the year before, since 1 January 00:00 UTC is still 31 December in the zones west of
# UTC (a region there would have no schedule until its own midnight).
def horizon_start(today: dt.date) -> dt.date:
    return dt.date((today - dt.timedelta(days=1) if today > dt.date.min else today).year, 1, 1)


# The last day the site publishes: 31 December of the last of `years` calendar years from the
# build's year on (ValueError past the year 9999: the loader reports that build date first).
def horizon_end(today: dt.date, years: int) -> dt.date:
    return dt.date(today.year + years - 1, 12, 31)


@dataclass(frozen=True)
class Policy:
    company: str
    city: Text
    country: Text
    languages: tuple
    translation_fallback: bool
    site_title: Text
    site_description: Text
    site_url: str
    regions: tuple
    calendars: tuple
    closures: tuple
    horizon_years: int
    today: dt.date
    channels: tuple
    business_day_minutes: int
    priorities: tuple
    resolution_steps: tuple
    customer_duties: tuple
    maintenance_included: tuple
    enhancements_included: bool
    enhancements_answer: Text
    warranty: tuple
    notices: tuple = ()  # Notice, by start; those expired before the build date are left out
    announce_days: int = 60  # company.yml announce_changes: how long before a change the pages announce it
    version: str | None = None  # company.yml version: what customers cite; None: the build derives one
    overrides: dict = field(default_factory=dict, compare=False)  # region id -> tuple[DayOverride]
    channel_overrides: dict = field(default_factory=dict, compare=False)  # channel id -> tuple[DayOverride]
    built_at: dt.datetime | None = field(default=None, compare=False)  # the build's instant (UTC), None: 00:00 of today
    # Notes for staff (checks.context.Problem): what is valid but likely not meant, such as a closure
    # dated before the build date or after the published years. `make check` prints them; they stop nothing.
    notes: tuple = field(default=(), compare=False)

    # The instant the pages are built for: the build's own, else 00:00 UTC of the build date.
    @property
    def build_instant(self) -> dt.datetime:
        return self.built_at or dt.datetime.combine(self.today, dt.time(0), dt.timezone.utc)

    @property
    def horizon(self) -> tuple[dt.date, dt.date]:
        return horizon_start(self.today), horizon_end(self.today, self.horizon_years)

    def region(self, region_id: str) -> Region:
        return next(r for r in self.regions if r.id == region_id)

    def channel(self, channel_id: str) -> Channel:
        return next(c for c in self.channels if c.id == channel_id)

    def calendar(self, calendar_id: str) -> Calendar:
        return next(c for c in self.calendars if c.id == calendar_id)

    @property
    def default_priority(self) -> Priority:
        return next(p for p in self.priorities if p.default)


# Every zone a model names: its regions', its channels' schedules' and its notices'
# (tests/test_build_cache.py checks this against every `zone` field of a model).
def zones(policy: Policy) -> frozenset:
    return frozenset([r.zone for r in policy.regions] + [c.schedule.zone for c in policy.channels if c.schedule]
                     + [n.zone for n in policy.notices])
