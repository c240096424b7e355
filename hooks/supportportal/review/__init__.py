# What customers will read differently after a policy change, for the people reviewing it
# (`make diff`): a summary in Markdown grouped by topic and region, and the pages whose visible
# text changed. The summary is written in English for reviewers (it is not published); the site
# states the same facts in each of its languages, and changed texts are shown in every language
# that changed.
#
# One module per topic (regions, calendars, channels, notices, priorities, texts), each a few
# functions from (old policy, new policy) to summary lines, listed in summary.TOPICS: a new kind
# of policy fact gets a summary by adding one function there; ids first matches a region, channel or
# priority under a new id, told once. pages compares the built sites,
# revisions reads the trees from git and builds them.

from .common import LANG, Line, Section
from .pages import PageChange, WordChange, feed_changes, page_changes, page_text, page_texts, word_changes
from .revisions import ReviewError, build_site, default_base, export_tree, review, revision, short_name
from .summary import NO_CHANGE, NOTE, TOPICS, policy_summary, render, summarize

__all__ = ["LANG", "Line", "Section", "PageChange", "WordChange", "feed_changes", "page_changes", "page_text",
           "page_texts", "word_changes", "ReviewError",
           "build_site", "default_base", "export_tree", "review", "revision", "short_name", "NO_CHANGE", "NOTE",
           "TOPICS", "policy_summary", "render", "summarize"]
