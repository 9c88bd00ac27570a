"""``GET /watches`` and ``GET /alerts?since=`` on a real server on loopback."""

from __future__ import annotations

import httpx

from oresight.watch.model import Alert, FlowRef, Watch
from oresight.watch.state import State
from oresight.watch.watchfile import add_watch


def test_watches_and_alerts_since(api_url: str) -> None:
    add_watch(Watch(name="coal", reporter="CHN", partner="PRK", hs=("2701",), years="2024"))
    state = State.load()
    state.watch("coal").version = 3
    old, new = state.add_alerts(
        [
            Alert(
                "coal",
                "new_flows",
                "coal: 1 new flow",
                "2024-01",
                (FlowRef("b", "r", "new"),),
                (2, 3),
            ),
            Alert(
                "coal",
                "new_flows",
                "coal: 1 new flow",
                "2024-02",
                (FlowRef("b", "s", "new"),),
                (2, 3),
            ),
        ],
        ["stdout"],
    )
    old.created_at = "2026-01-05T00:00:00+00:00"
    new.created_at = "2026-02-05T00:00:00+00:00"
    state.save()

    watches = httpx.get(f"{api_url}/watches").json()
    assert watches["count"] == 1 and watches["watches"][0]["version"] == 3
    assert watches["watches"][0]["hs"] == ["2701"]

    every = httpx.get(f"{api_url}/alerts").json()
    assert every["count"] == 2
    since = httpx.get(f"{api_url}/alerts", params={"since": "2026-02-01"}).json()
    assert [a["period"] for a in since["alerts"]] == ["2024-02"]
    assert since["alerts"][0]["flows"][0]["source_record"] == "s"
    bad = httpx.get(f"{api_url}/alerts", params={"since": "last week"})
    assert bad.status_code == 400 and "since" in bad.json()["error"]
