# policy/channels.yml: ids used once, and an address of the kind the channel's type needs.

from __future__ import annotations

from ..model import Channel
from .context import Context

NAME = "channels"


# The channels, None in place of a broken one; None when the list itself is broken.
def check(ctx: Context) -> list | None:
    if not ctx.present(NAME, ("channels",)):
        return None
    result, seen = [], set()
    for i, ch in enumerate(ctx.get(NAME, ("channels",))):
        result.append(_channel(ctx, ("channels", i), ch, seen) if ctx.present(NAME, ("channels", i)) else None)
    return result


def _channel(ctx: Context, path, ch: dict, seen: set) -> Channel | None:
    if ctx.intact(NAME, path + ("id",)):
        if ch["id"] in seen:
            ctx.report(NAME, path + ("id",), f"the channel id '{ch['id']}' is used twice", "give each channel its own id")
        seen.add(ch["id"])
    if ctx.intact(NAME, path + ("address",)) and ctx.intact(NAME, path + ("type",)):
        address, kind = ch["address"], ch["type"]
        expected = {"email": "@" in address and not address.startswith("https://"),
                    "phone": address.startswith("+")}.get(kind, address.startswith("https://"))
        if not expected:
            want = {"email": "an email address", "phone": "a phone number starting with +"}.get(kind, "a https:// link")
            ctx.report(NAME, path + ("address",), f"a {kind} channel needs {want}, found '{address}'",
                       "correct the address or the type")
    description = ctx.text_at(NAME, path + ("description",)) if "description" in ch else None
    name = ctx.text_at(NAME, path + ("name",))
    if not ctx.intact(NAME, path) or name is None:
        return None
    return Channel(ch["id"], name, ch["type"], ch["address"], description)
