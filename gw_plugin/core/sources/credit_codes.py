"""Unified social credit codes (统一社会信用代码): validation and, for tests and demos, generation of valid codes.

The structure and the check character follow GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》
(Coding rule of the unified social credit identifier for legal entities and other organizations):

* 18 characters: position 1 registration-authority code (登记管理部门代码), position 2 organisation-category
  code (机构类别代码), positions 3–8 the registration authority's administrative-division code (GB/T 2260, six
  digits), positions 9–17 the subject identifier (主体标识码, the organisation code of GB 11714), position 18 the
  check character (校验码);
* the character set is the digits and the 21 capital letters without I, O, Z, S and V (31 characters), whose
  values are 0–30 in the order 0–9, A–H, J–N, P, Q, R, T, U, W, X, Y;
* check character: C18 = 31 − MOD(Σ Ci·Wi, 31) for i = 1..17, with the weights Wi = 3^(i−1) MOD 31
  = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28; a result of 31 is written as 0.

The organisation code in positions 9–17 carries its own GB 11714-1997 check character (weights 3, 7, 9, 10, 5, 8,
4, 2; C9 = 11 − MOD(Σ, 11), 10 → X, 11 → 0); a wrong one is only reported as a warning by default because codes
issued to individual businesses and some re-registered units do not follow it.

Pure Python; messages are translated through qgis.PyQt when it is available.
"""

from __future__ import annotations

import random
from typing import Optional, Tuple

from ...toolbelt.i18n import tr

TR_CONTEXT = "codes"  # the translation context of this module's texts


#: GB 32100-2015 character set (no I, O, Z, S, V) in value order 0..30.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
#: GB 32100-2015 weights of positions 1..17: 3^(i-1) mod 31.
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
assert USCC_WEIGHTS == tuple(pow(3, i, 31) for i in range(17))

#: GB 11714-1997 organisation-code weights of its positions 1..8.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # GB 11714 body characters: digits and A-Z (A=10 … Z=35)


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters (which must be in the alphabet)."""
    total = sum(USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """The GB 11714-1997 check character of an organisation code's first 8 characters."""
    total = sum(ORG_ALPHABET.index(c) * w for c, w in zip(first8, ORG_WEIGHTS))
    c9 = 11 - total % 11
    return "X" if c9 == 10 else ("0" if c9 == 11 else str(c9))


def normalise_uscc(code) -> str:
    """Trim, drop inner blanks and upper-case (full-width characters are folded to ASCII)."""
    if code is None:
        return ""
    import unicodedata

    text = unicodedata.normalize("NFKC", str(code))
    return "".join(text.split()).upper()


def validate_uscc(code, check_org_code: bool = False) -> Tuple[bool, str]:
    """Validate a unified social credit code against GB 32100-2015.

    Returns ``(ok, message)``; ``message`` says what is wrong (translated) or, when ok, is empty — or, with a
    GB 11714 organisation-code check character that does not match, a warning while ``ok`` stays True unless
    ``check_org_code`` is set.
    """
    c = normalise_uscc(code)
    if not c:
        return False, tr(TR_CONTEXT, "The unified social credit code is empty.")
    if len(c) != 18:
        return False, tr(TR_CONTEXT, "A unified social credit code has 18 characters, this one has {n}.").format(
            n=len(c)
        )
    bad = sorted({ch for ch in c if ch not in USCC_VALUE})
    if bad:
        return False, tr(
            TR_CONTEXT, "Characters not allowed by GB 32100-2015 (I, O, Z, S, V and symbols are excluded): {chars}"
        ).format(chars=" ".join(bad))
    if not c[2:8].isdigit():
        return False, tr(
            TR_CONTEXT, "Positions 3-8 must be the six-digit administrative-division code, found {part}."
        ).format(part=c[2:8])
    expected = uscc_check_char(c[:17])
    if c[17] != expected:
        return False, tr(
            TR_CONTEXT, "Wrong check character: {found} found, {expected} expected (GB 32100-2015)."
        ).format(found=c[17], expected=expected)
    body = c[8:16]
    if all(ch in ORG_ALPHABET for ch in body):
        org_expected = org_code_check_char(body)
        if c[16] != org_expected:
            msg = tr(
                TR_CONTEXT,
                "The organisation code in positions 9-17 has check character {found}, GB 11714 expects {expected}.",
            ).format(found=c[16], expected=org_expected)
            return (not check_org_code), msg
    return True, ""


def is_valid_uscc(code) -> bool:
    return validate_uscc(code)[0]


def generate_uscc(
    rng: Optional[random.Random] = None, division: str = "410100", authority: str = "9", category: str = "1"
) -> str:
    """A random, valid code (both check characters right) for tests and demo data.

    ``authority`` + ``category`` default to "91" (market regulation, enterprise); ``division`` is the six-digit
    administrative-division code of the registering authority (default Zhengzhou 410100).
    """
    rng = rng or random.Random()
    if len(division) != 6 or not division.isdigit():
        raise ValueError("division must be six digits")
    org_body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    org = org_body + org_code_check_char(org_body)
    first17 = authority + category + division + org
    return first17 + uscc_check_char(first17)
