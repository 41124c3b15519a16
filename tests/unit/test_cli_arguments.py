"""Bad arguments exit 2 with one clear line, before anything is touched."""

from __future__ import annotations

import pytest

from core.cli import main


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        ([], "the following arguments are required: command"),
        (["launch"], "invalid choice: 'launch'"),
        (["tenant", "create", "kreis"], "the following arguments are required: --name"),
        (["token", "create", "--tenant", "k", "--partner", "p"], "--role"),
        (["serve", "--port", "achtzig"], "invalid int value: 'achtzig'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    argv: list[str], fragment: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setenv("AGENTUR_HOME", str(tmp_path / "home"))
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert fragment in err
    assert not (tmp_path / "home").exists(), "nothing may be created on bad arguments"
