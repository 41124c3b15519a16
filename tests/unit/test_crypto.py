"""Field encryption binds every value to its place; keys stay in files only their owner can read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from core.crypto.blind_index import blind_index
from core.crypto.cipher import DecryptionFailed, FieldCipher
from core.crypto.keys import KeyUnavailable, WrappedDek, new_dek, unwrap_dek, wrap_dek
from core.crypto.local_keys import LocalKeyFile, agentur_key_provider


def cipher(dek: bytes, tenant: str = "kreis-a", record: str = "p1") -> FieldCipher:
    return FieldCipher(dek, 1, tenant, "person", record)


def test_values_round_trip_with_their_types() -> None:
    box = cipher(new_dek())
    for field, value in [
        ("family_name", "Al-Hassan"),
        ("languages", [{"language": "ar", "level": "native"}]),
        ("unaccompanied_minor", True),
    ]:
        assert box.decrypt(field, box.encrypt(field, value)) == value


def test_ciphertext_moved_to_another_field_person_or_tenant_fails() -> None:
    dek = new_dek()
    stored = cipher(dek).encrypt("family_name", "Al-Hassan")
    with pytest.raises(DecryptionFailed):
        cipher(dek).decrypt("given_names", stored)
    with pytest.raises(DecryptionFailed):
        cipher(dek, record="p2").decrypt("family_name", stored)
    with pytest.raises(DecryptionFailed):
        cipher(dek, tenant="kreis-b").decrypt("family_name", stored)
    with pytest.raises(DecryptionFailed):
        cipher(new_dek()).decrypt("family_name", stored)
    tampered = bytearray(stored)
    tampered[-1] ^= 1
    with pytest.raises(DecryptionFailed):
        cipher(dek).decrypt("family_name", bytes(tampered))


def test_plaintext_is_not_in_the_stored_form() -> None:
    stored = cipher(new_dek()).encrypt("family_name", "Al-Hassan")
    assert b"Al-Hassan" not in stored
    assert stored[0] == 1 and len(stored) > 1 + 4 + 12 + 16


def test_key_file_is_created_owner_only_and_refused_when_readable_by_others(tmp_path: Path) -> None:
    keys = agentur_key_provider(tenant="kreis-a", home=tmp_path)
    version, kek = keys.current_kek()
    assert version == 1 and len(kek) == 32
    mode = stat.S_IMODE(os.stat(tmp_path / "keys" / "kreis-a.json").st_mode)
    assert mode == 0o600
    os.chmod(tmp_path / "keys" / "kreis-a.json", 0o644)
    with pytest.raises(KeyUnavailable, match="readable by others"):
        LocalKeyFile(tmp_path / "keys" / "kreis-a.json").current_kek()


def test_data_key_wrapping_is_bound_to_tenant_and_person(tmp_path: Path) -> None:
    keys = LocalKeyFile(tmp_path / "k.json")
    dek = new_dek()
    wrapped = wrap_dek(keys, "kreis-a", "p1", dek)
    assert unwrap_dek(keys, "kreis-a", "p1", wrapped) == dek
    with pytest.raises(KeyUnavailable):
        unwrap_dek(keys, "kreis-a", "p2", wrapped)
    with pytest.raises(KeyUnavailable):
        unwrap_dek(keys, "kreis-b", "p1", WrappedDek(wrapped.kek_version, 1, wrapped.blob))


def test_new_kek_version_keeps_old_ones_and_other_processes_see_it(tmp_path: Path) -> None:
    path = tmp_path / "k.json"
    server, operator = LocalKeyFile(path), LocalKeyFile(path)
    dek = new_dek()
    old = wrap_dek(server, "kreis-a", "p1", dek)
    assert operator.new_kek_version() == 2
    assert server.kek(2) == operator.kek(2)  # re-read after rotation by another process
    assert unwrap_dek(server, "kreis-a", "p1", old) == dek
    assert server.index_key() == operator.index_key(), "the index key survives KEK rotation"


def test_blind_index_depends_on_key_kind_and_terms() -> None:
    key_a, key_b = os.urandom(32), os.urandom(32)
    digest = blind_index(key_a, "name_birth", "hsn", "1994-03-12")
    assert digest == blind_index(key_a, "name_birth", "hsn", "1994-03-12")
    assert digest != blind_index(key_b, "name_birth", "hsn", "1994-03-12")
    assert digest != blind_index(key_a, "family_birth", "hsn", "1994-03-12")
    assert digest != blind_index(key_a, "name_birth", "hsn1", "994-03-12")
