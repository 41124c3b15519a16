"""Passwords are argon2id hashes; API tokens carry their tenant and are stored only as a hash."""

from __future__ import annotations

from core.crypto.secrets import generate_password, hash_password, mint_token, parse_token, secret_hash, verify_password


def test_password_hash_is_argon2id_and_verifies() -> None:
    hashed = hash_password("lange-geheime-phrase")
    assert hashed.startswith("$argon2id$")
    assert "lange-geheime-phrase" not in hashed
    assert verify_password(hashed, "lange-geheime-phrase")
    assert not verify_password(hashed, "falsche-phrase")
    assert not verify_password("not-a-hash", "lange-geheime-phrase")


def test_generated_passwords_differ_and_are_long_enough() -> None:
    first, second = generate_password(), generate_password()
    assert first != second
    assert len(first) >= 20


def test_token_names_its_tenant_and_stores_only_a_hash() -> None:
    token, stored = mint_token("burgenlandkreis")
    parsed = parse_token(token)
    assert parsed is not None
    tenant, secret = parsed
    assert tenant == "burgenlandkreis"
    assert stored == secret_hash(secret)
    assert secret not in stored


def test_malformed_tokens_are_not_parsed() -> None:
    token, _ = mint_token("kreis")
    for bad in ("", "agt", "agt.kreis", "xyz.kreis." + "a" * 43, "agt..secret" + "a" * 40, token + ".extra"):
        assert parse_token(bad) is None
