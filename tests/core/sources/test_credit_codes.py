"""Unified social credit codes: GB 32100-2015 check character, alphabet and generated codes."""

from __future__ import annotations

import random

import pytest

from gw_plugin.core.sources import credit_codes

# Codes printed on the public business licences of well-known companies (each checks under GB 32100-2015).
REAL = ["914403001922038216", "9144030071526726XG", "91330100716105852F", "91350100M000100Y43"]


def test_weights_are_powers_of_three_mod_31():
    # GB 32100-2015: Wi = 3^(i-1) mod 31
    assert credit_codes.USCC_WEIGHTS[:6] == (1, 3, 9, 27, 19, 26)
    assert len(credit_codes.USCC_ALPHABET) == 31
    for ch in "IOZSV":
        assert ch not in credit_codes.USCC_ALPHABET


@pytest.mark.parametrize("code", REAL)
def test_real_codes_validate(code):
    ok, msg = credit_codes.validate_uscc(code)
    assert ok and msg == ""
    assert credit_codes.validate_uscc(" " + code.lower() + " ")[0]  # normalised


@pytest.mark.parametrize("code", REAL)
def test_every_single_character_change_is_caught(code):
    for pos in range(18):
        for ch in credit_codes.USCC_ALPHABET:
            if ch == code[pos]:
                continue
            if 2 <= pos < 8 and not ch.isdigit():
                continue
            changed = code[:pos] + ch + code[pos + 1 :]
            assert not credit_codes.validate_uscc(changed)[0], changed


def test_messages():
    assert "18" in credit_codes.validate_uscc("9144030019220382")[1]
    ok, msg = credit_codes.validate_uscc("91440300192203821I")
    assert not ok and "I" in msg
    ok, msg = credit_codes.validate_uscc("914403001922038217")
    assert not ok and "6" in msg  # the expected check character is named
    assert credit_codes.validate_uscc("91AB03001922038216")[0] is False
    assert credit_codes.validate_uscc(None)[0] is False


def test_generated_codes_are_valid_and_reproducible():
    rng = random.Random(42)
    made = [credit_codes.generate_uscc(rng, division="140500") for _ in range(500)]
    assert all(credit_codes.validate_uscc(c, check_org_code=True) == (True, "") for c in made)
    assert all(c[2:8] == "140500" for c in made)
    assert credit_codes.generate_uscc(random.Random(7)) == credit_codes.generate_uscc(random.Random(7))
    assert len(set(made)) == len(made)


def test_org_code_check_is_a_warning_unless_strict():
    code = REAL[0]
    body = code[:16]
    wrong_org = "0" if code[16] != "0" else "1"
    first17 = body + wrong_org
    c = first17 + credit_codes.uscc_check_char(first17)
    ok, msg = credit_codes.validate_uscc(c)
    assert ok and "GB 11714" in msg
    assert credit_codes.validate_uscc(c, check_org_code=True)[0] is False
