"""Atomic writes keep the old content on failure and never replace when creating; the folder lock excludes."""

import fcntl
import os
from pathlib import Path

import pytest

from assistant.atomic import create_atomically, folder_lock, replace_atomically


def test_replacing_writes_the_new_content_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "CURRENT"
    target.write_bytes(b"old")
    replace_atomically(target, "新版本\n".encode())
    assert target.read_text(encoding="utf-8") == "新版本\n"
    assert [p.name for p in tmp_path.iterdir()] == ["CURRENT"]


def test_a_failed_write_keeps_the_old_content_and_removes_its_temporary_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "manifest.yaml"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        replace_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.yaml"]


def test_the_folder_lock_excludes_another_holder_until_released(tmp_path: Path) -> None:
    folder = tmp_path / "indexes"
    with folder_lock(folder), open(folder / ".lock", "w") as other:
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(folder / ".lock", "w") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_creating_never_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "005_new.txt"
    create_atomically(target, b"first")
    with pytest.raises(FileExistsError):
        create_atomically(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["005_new.txt"]
