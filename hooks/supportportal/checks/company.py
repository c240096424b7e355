# policy/company.yml: the site's languages first (every text elsewhere is checked against them),
# then the company's and the site's texts.

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from .context import Context

NAME = "company"


# Set the site's languages on the context; language checks stay off while they are broken.
def languages(ctx: Context) -> None:
    listed = ctx.get(NAME, ("languages",))
    if isinstance(listed, list):
        ctx.languages = tuple(str(x) for x in listed) or ("en",)
    ctx.fallback = ctx.get(NAME, ("missing_translations",)) == "fallback"
    known = True
    for i, lang in enumerate(listed if isinstance(listed, list) and ctx.intact(NAME, ("languages",)) else ()):
        try:
            Locale.parse(str(lang))
        except (ValueError, LookupError, UnknownLocaleError):
            known = False
            ctx.report(NAME, ("languages", i), f"'{lang}' is not a language the portal can write dates, numbers "
                       "and lists in (CLDR has no such language)", "use a two-letter language code (ISO 639-1) "
                       "such as fr, es or it")
    settings_ok = known and ctx.intact(NAME, ("languages",)) and (
        ctx.intact(NAME, ("missing_translations",)) or "missing_translations" not in (ctx.get(NAME, ()) or {}))
    ctx.check_languages = settings_ok


# The company's and the site's fields, or None while any is broken.
def check(ctx: Context) -> dict | None:
    fields = {
        "city": ctx.text_at(NAME, ("company", "city")),
        "country": ctx.text_at(NAME, ("company", "country")),
        "site_title": ctx.text_at(NAME, ("site", "title")),
        "site_description": ctx.text_at(NAME, ("site", "description")),
    }
    if ctx.intact(NAME, ("company", "name")):
        ctx.comment_after(NAME, ("company", "name"))
        ctx.artifacts(NAME, ("company", "name"), ctx.get(NAME, ("company", "name")))
    if not ctx.intact(NAME, ()) or None in fields.values():
        return None
    data = ctx.get(NAME, ())
    return {"company": data["company"]["name"], **fields, "site_url": data["site"]["url"],
            "version": data.get("version"), "announce_days": _announce_days(ctx)}


# announce_changes: how many days before a dated change the pages announce it (the schema checked "N days").
def _announce_days(ctx: Context) -> int:
    text = ctx.get(NAME, ("announce_changes",))
    return int(text.split()[0]) if isinstance(text, str) else 60
