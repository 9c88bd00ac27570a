"""The watch: refetch saved Comtrade selections on a schedule, diff the store, alert on changes.

A watch (:class:`Watch`, kept in ``$ORESIGHT_HOME/watches.yaml``) is a reporter, a partner, HS
codes or a commodity group, a frequency and years. :func:`run` asks UN Comtrade's
data-availability API which of its periods are new or revised, fetches only those, lands them
as a new store version and turns the difference into :class:`Alert` objects
(:func:`alerts_from_diff`, plus the monitor's events new in that version), kept in an outbox
(``$ORESIGHT_HOME/watch/state.json``) until every sink (stdout, Atom feed, webhook, email) has
them.
"""

from oresight.watch.alerts import alerts_from_diff
from oresight.watch.model import Alert, FlowRef, Watch
from oresight.watch.run import RunOptions, RunReport, WatchBusy, run

__all__ = [
    "Alert",
    "FlowRef",
    "RunOptions",
    "RunReport",
    "Watch",
    "WatchBusy",
    "alerts_from_diff",
    "run",
]
