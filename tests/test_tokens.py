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
