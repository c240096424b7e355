# policy/maintenance.yml: what maintenance includes, the answer on enhancements, the warranty.

from __future__ import annotations

from .context import Context

NAME = "maintenance"


# The file's fields, or None while any is broken.
def check(ctx: Context) -> dict | None:
    fields = {
        "maintenance_included": ctx.texts_at(NAME, ("included",)),
        "enhancements_answer": ctx.text_at(NAME, ("enhancements", "answer")),
        "warranty": ctx.texts_at(NAME, ("warranty",)),
    }
    if not ctx.intact(NAME, ()) or None in fields.values():
        return None
    return {**fields, "enhancements_included": ctx.get(NAME, ("enhancements", "included"))}
