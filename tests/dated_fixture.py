# The dated-changes fixture: tests/fixtures/policies/dated (regions, holidays, channels,
# priorities with changes from a date on), loaded on 15 February 2027.

import datetime as dt

from policy_fixture import PolicyFixture

_FIXTURE = PolicyFixture("dated", dt.date(2027, 2, 15))
FIXTURE, TODAY = _FIXTURE.folder, _FIXTURE.today
policy_dir, policy, support_feed = _FIXTURE.policy_dir, _FIXTURE.policy, _FIXTURE.support_feed
