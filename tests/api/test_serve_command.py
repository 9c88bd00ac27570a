"""`oresight serve` listens beyond loopback only with a token, or when told --insecure."""

from __future__ import annotations

import pytest

from oresight.cli import main
from oresight.cli.api_cmd import check_exposure, is_loopback
from oresight.errors import InputError


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_needs_nothing(host: str) -> None:
    assert is_loopback(host)
    assert check_exposure(host, token=None, insecure=False) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "example.org"])
def test_beyond_loopback_without_a_token_is_refused(host: str) -> None:
    with pytest.raises(InputError, match="ORESIGHT_API_TOKEN"):
        check_exposure(host, token=None, insecure=False)


def test_a_token_allows_any_address() -> None:
    assert check_exposure("0.0.0.0", token="s3cret", insecure=False) is None


def test_insecure_allows_it_with_a_warning() -> None:
    warning = check_exposure("0.0.0.0", token=None, insecure=True)
    assert warning is not None and "WITHOUT authentication" in warning


def test_serve_on_all_addresses_without_a_token_refuses_to_start(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ORESIGHT_API_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--host", "0.0.0.0", "--port", "1"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "--insecure" in err
