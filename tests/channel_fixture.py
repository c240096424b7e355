# The channels fixture: tests/fixtures/policies/channels (regions, holidays, channels, priorities
# with hours per channel), loaded on 27 November 2026.

import datetime as dt

from policy_fixture import PolicyFixture

_FIXTURE = PolicyFixture("channels", dt.date(2026, 11, 27))
FIXTURE, TODAY = _FIXTURE.folder, _FIXTURE.today
policy_dir, policy, support_feed = _FIXTURE.policy_dir, _FIXTURE.policy, _FIXTURE.support_feed
