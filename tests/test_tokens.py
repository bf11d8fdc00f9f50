"""Badge tokens: verifiable offline, bound to a workshop, no personal data, unforgeable."""

from __future__ import annotations

import random
import secrets

from facilitator_app import tokens

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def test_a_token_is_uppercase_base32_of_fixed_length_and_verifies() -> None:
    secret = secrets.token_hex(32)
    token = tokens.mint(secret, "w1")
    assert len(token) == tokens.TOKEN_LENGTH and token.startswith("C")
    assert set(token[1:]) <= set(ALPHABET)
    assert tokens.verify(secret, "w1", token)


def test_a_token_is_bound_to_its_workshop_and_secret() -> None:
    secret = secrets.token_hex(32)
    token = tokens.mint(secret, "w1")
    assert not tokens.verify(secret, "w2", token)
    assert not tokens.verify(secrets.token_hex(32), "w1", token)


def test_100000_random_mutations_are_all_refused() -> None:
    rng = random.Random(2026)
    secret = secrets.token_hex(32)
    valid = [tokens.mint(secret, "w1") for _ in range(50)]
    accepted, tried = [], 0
    while tried < 100_000:
        original = valid[tried % len(valid)]
        token = list(original)
        for _ in range(rng.randint(1, 3)):
            position = rng.randrange(1, len(token))
            token[position] = rng.choice(ALPHABET.replace(token[position], ""))
        mutated = "".join(token)
        if mutated == original:  # two changes at one place can undo each other
            continue
        tried += 1
        if tokens.verify(secret, "w1", mutated):
            accepted.append(mutated)
    assert accepted == []


def test_scanner_noise_is_tolerated() -> None:
    secret = secrets.token_hex(32)
    token = tokens.mint(secret, "w1")
    for typed in (token.lower(), f"{token}\r\n", f"\t {token}\n", f"{token[:10]} {token[10:]}"):
        assert tokens.verify(secret, "w1", tokens.normalise(typed))


def test_short_codes() -> None:
    token = "CABCDEFGHIJKLMNOPQRSTUVWXYZ2"[:27]
    assert tokens.short_code(token) == "ABCD-EFGH-IJKL"
    assert tokens.as_short_code("abcd-efgh-ijkl") == "ABCDEFGHIJKL"
    assert tokens.as_short_code("C abcd efgh ijkl") == "ABCDEFGHIJKL"
    assert tokens.as_short_code("AB0D-EFGH-1JKL") == "ABODEFGHIJKL"  # 0/O and 1/I mixed up
    assert tokens.as_short_code("ABCD-EFGH") is None
    assert tokens.as_short_code("José Pérez") is None


def new_key() -> bytes:
    from facilitator_app.keys import new_private_key

    return new_private_key()


def public(private_key: bytes) -> bytes:
    from facilitator_app.keys import public_key_of

    return public_key_of(private_key)


def test_a_signed_token_is_uppercase_base32_of_113_characters_and_verifies() -> None:
    key = new_key()
    token = tokens.mint_signed(key, "w1")
    assert len(token) == tokens.SIGNED_LENGTH == 113 and token.startswith("D")
    assert set(token[1:]) <= set(ALPHABET)
    assert tokens.looks_like_token(token) and tokens.is_signed(token)
    assert tokens.verify_signed(public(key), "w1", token)
    assert not tokens.verify(secrets.token_hex(32), "w1", token)  # not an HMAC token


def test_a_signed_token_is_bound_to_its_workshop_and_key_and_needs_no_secret() -> None:
    key = new_key()
    token = tokens.mint_signed(key, "w1")
    assert not tokens.verify_signed(public(key), "w2", token)
    assert not tokens.verify_signed(public(new_key()), "w1", token)
    # The public key verifies; nothing derived from it mints: a fresh key's token fails.
    assert not tokens.verify_signed(public(key), "w1", tokens.mint_signed(new_key(), "w1"))


def test_random_mutations_of_signed_tokens_are_all_refused() -> None:
    rng = random.Random(2027)
    key = new_key()
    verifier = public(key)
    valid = [tokens.mint_signed(key, "w1") for _ in range(20)]
    tried = 0
    while tried < 3_000:  # each one is a full Ed25519 verification
        original = valid[tried % len(valid)]
        token = list(original)
        position = rng.randrange(1, len(token))
        token[position] = rng.choice(ALPHABET.replace(token[position], ""))
        tried += 1
        assert not tokens.verify_signed(verifier, "w1", "".join(token))
    for cut in (original[:-1], original + "A", "C" + original[1:], original.lower()):
        assert not tokens.verify_signed(verifier, "w1", cut)


def test_both_shapes_look_like_tokens_and_short_codes_work_for_both() -> None:
    signed = tokens.mint_signed(new_key(), "w1")
    legacy = tokens.mint(secrets.token_hex(32), "w1")
    for token in (signed, legacy):
        assert tokens.looks_like_token(tokens.normalise(f" {token.lower()}\r\n"))
        code = tokens.short_code(token)
        assert tokens.as_short_code(code) == token[1:13]
        assert tokens.as_short_code(token[0] + code) == token[1:13]
    for almost in (signed[:-1], signed[:60], "E" + signed[1:], legacy[:-1], "D" + legacy[1:]):
        assert not tokens.looks_like_token(almost)
