"""Watches as data: watches.yaml written by the CLI, edited by hand, validated on every read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from oresight.cli import app
from oresight.errors import InputError
from oresight.watch import Watch
from oresight.watch.watchfile import add_watch, load_watches, remove_watch, watches_path

runner = CliRunner()


def test_cli_add_list_remove_round_trip(oresight_home: Path) -> None:
    added = runner.invoke(
        app,
        [
            "watch",
            "add",
            "dprk-coal",
            "--reporter",
            "CHN",
            "--partner",
            "PRK",
            "--hs",
            "2701",
            "--freq",
            "M",
            "--years",
            "2017-2026",
        ],
    )
    assert added.exit_code == 0, added.output
    text = (oresight_home / "watches.yaml").read_text()
    assert "dprk-coal:" in text and "'2701'" in text
    listed = runner.invoke(app, ["watch", "list", "--json"])
    assert '"name": "dprk-coal"' in listed.output and '"version": null' in listed.output
    assert runner.invoke(app, ["watch", "remove", "dprk-coal"]).exit_code == 0
    assert load_watches() == {}


def test_a_group_watch_fetches_the_group_prefixes(oresight_home: Path) -> None:
    watch = Watch(name="coal", reporter="CHN", partner="PRK", group="coal", years="2024")
    assert watch.hs_codes() and all(code.startswith("27") for code in watch.hs_codes())
    assert watch.query().hs_codes == watch.hs_codes()


def test_a_hand_edited_file_is_read_and_its_mistakes_named(oresight_home: Path) -> None:
    path = watches_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "watches:\n  ok:\n    reporter: CHN\n    partner: PRK\n    hs: 2701\n    years: 2024\n"
        "  bad:\n    reporter: CHN\n    partner: PRK\n    years: 2024\n    freq: Q\n"
    )
    with pytest.raises(InputError) as caught:
        load_watches()
    message = str(caught.value)
    assert str(path) in message and "line 7" in message and "bad.freq" in message
    path.write_text(
        "watches:\n  ok:\n    reporter: CHN\n    partner: PRK\n    hs: 2701\n    years: 2024\n"
    )
    assert load_watches()["ok"].hs == ("2701",)


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ("reporter: XXX\n    partner: PRK\n    years: 2024", "w"),
        ("reporter: CHN\n    partner: PRK\n    years: 2024-2020", "w.years"),
        ("reporter: CHN\n    partner: PRK\n    years: 2024\n    hs: '2799'", "w"),
        ("reporter: CHN\n    partner: PRK\n    years: 2024\n    colour: red", "w.colour"),
        ("reporter: CHN\n    partner: PRK\n    years: 2024\n    hs: '2701'\n    group: coal", "w"),
    ],
)
def test_bad_fields_are_input_errors_naming_the_field(
    oresight_home: Path, spec: str, field: str
) -> None:
    path = watches_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"watches:\n  w:\n    {spec}\n")
    with pytest.raises(InputError) as caught:
        load_watches()
    assert f"field {field!r}" in str(caught.value) and "line 2" in str(caught.value)


def test_not_yaml_names_the_line(oresight_home: Path) -> None:
    path = watches_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("watches:\n  w: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_watches()


def test_a_duplicate_name_and_an_unknown_removal_are_refused(oresight_home: Path) -> None:
    watch = Watch(name="w", reporter="CHN", partner="PRK", years="2024")
    add_watch(watch)
    with pytest.raises(InputError, match="exists"):
        add_watch(watch)
    with pytest.raises(InputError, match="no watch called 'x'"):
        remove_watch("x")


def test_cli_bad_input_is_one_error_line(oresight_home: Path) -> None:
    from oresight.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["watch", "add", "w", "--reporter", "CHN", "--partner", "PRK", "--years", "20x"])
    assert caught.value.code == 2
