# policy/process.yml: the resolution steps and the customer's duties, in every language of the site.

from __future__ import annotations

from .context import Context

NAME = "process"


# (resolution steps, customer duties), each None while broken.
def check(ctx: Context) -> tuple:
    return ctx.texts_at(NAME, ("resolution_steps",)), ctx.texts_at(NAME, ("customer_duties",))
