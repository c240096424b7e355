# Generated support policies for the scale benchmark: N regions and a horizon of Y years, written
# over policy/regions.yml and policy/holidays.yml of a copy of the project. Every policy is valid:
# unique ids, real IANA zones, hours in the forms support staff write, and real holiday calendars.

from __future__ import annotations

import argparse
import json
from pathlib import Path

# Zones the regions cycle through: both hemispheres, half-hour offsets, zones without DST.
ZONES = (
    "Europe/Berlin", "America/New_York", "Asia/Singapore", "Europe/London", "America/Los_Angeles",
    "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata", "Europe/Paris",
    "America/Chicago", "Africa/Johannesburg", "Asia/Dubai", "Pacific/Auckland", "America/Toronto",
    "Europe/Madrid", "Asia/Shanghai", "America/Mexico_City", "Europe/Warsaw", "Asia/Kathmandu",
)

# Weekly hours the regions cycle through: one range, split days, Saturdays, a night shift, every day.
HOURS = (
    {"monday to friday": "09:00-17:00"},
    {"monday to friday": "10:00-18:00"},
    {"monday to thursday": "08:00-17:00", "friday": "08:00-14:00"},
    {"monday to friday": ["09:00-12:00", "13:00-17:00"], "saturday": "09:00-12:00"},
    {"monday to friday": "22:00-06:00"},
    {"every day": "00:00-24:00"},
)

# Holiday calendars the regions cycle through: (id, country, subdivision, categories, en, de).
# Countries whose holidays the `holidays` package names in English and German, so the generated
# policy needs no `names:` for its German edition.
CALENDARS = (
    ("munich", "DE", "BY", ("public", "catholic"), "Munich, Germany", "München, Deutschland"),
    ("vienna", "AT", None, None, "Austria", "Österreich"),
    ("brussels", "BE", None, None, "Belgium", "Belgien"),
    ("luxembourg", "LU", None, None, "Luxembourg", "Luxemburg"),
    ("warsaw", "PL", None, None, "Poland", "Polen"),
)


# The YAML of regions.yml with `count` regions; every seventh region keeps no public holidays.
def regions_yaml(count: int) -> str:
    out = ["regions:"]
    for i in range(count):
        out += [f"  - id: region-{i + 1}",
                f"    name: {{en: Region {i + 1}, de: Region {i + 1}}}",
                f"    zone: {ZONES[i % len(ZONES)]}",
                "    hours:"]
        for days, hours in HOURS[i % len(HOURS)].items():
            value = f"[{', '.join(hours)}]" if isinstance(hours, list) else hours
            out.append(f"      {days}: {value}")
        if i % 7 != 6:
            out.append(f"    public_holidays: {CALENDARS[i % len(CALENDARS)][0]}")
    return "\n".join(out) + "\n"


# The YAML of holidays.yml: a horizon of `years`, the calendars, and company closures (one for
# all regions, special hours for every third region, a two-day offsite next year).
def holidays_yaml(years: int, count: int) -> str:
    out = ["horizon:", f"  years: {years}", "", "calendars:"]
    for cal_id, country, subdiv, categories, en, de in CALENDARS:
        out += [f"  - id: {cal_id}", f"    name: {{en: {_q(en)}, de: {_q(de)}}}", f"    country: {country}"]
        if subdiv:
            out.append(f"    subdivision: {subdiv}")
        if categories:
            out.append(f"    categories: [{', '.join(categories)}]")
    some = ", ".join(f"region-{i + 1}" for i in range(0, count, 3))
    out += ["", "closures:",
            "  - name: {en: Christmas Eve, de: Heiligabend}", "    every_year: 12-24",
            "  - name: {en: New Year's Eve, de: Silvester}", "    every_year: 12-31",
            "    hours: 10:00-14:00", f"    regions: [{some}]",
            "  - name: {en: Company offsite, de: Betriebsausflug}", "    date: 2027-06-14", "    until: 2027-06-15"]
    return "\n".join(out) + "\n"


# A YAML string in double quotes (JSON strings are YAML strings).
def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# Replace the regions and holidays of the project at `project` with a generated policy.
def write_policy(project: Path, regions: int, years: int) -> None:
    policy = project / "policy"
    (policy / "regions.yml").write_text(
        "# yaml-language-server: $schema=schema/regions.schema.json\n" + regions_yaml(regions), encoding="utf-8")
    (policy / "holidays.yml").write_text(
        "# yaml-language-server: $schema=schema/holidays.schema.json\n" + holidays_yaml(years, regions),
        encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write a generated policy into a copy of the project.")
    parser.add_argument("project", type=Path, help="a copy of the project (its policy/ is overwritten)")
    parser.add_argument("--regions", type=int, default=50)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    write_policy(args.project, args.regions, args.years)
