"""Review: a wind-down exemption carries its contract cutoff as data, not only as text."""

from __future__ import annotations

from oresight.rules import check


def test_wind_down_exemption_names_the_contract_cutoff_and_end() -> None:
    v = check("PRK", "270111", "2017-08-20", regime="UN").verdicts[0]
    wind_down = v.exemptions[0]
    assert wind_down["kind"] == "wind_down"
    assert wind_down["contracts_before"] == "2017-08-05"
    assert wind_down["until"] == "2017-09-04"
    assert v.to_dict()["exemptions"][0]["contracts_before"] == "2017-08-05"
