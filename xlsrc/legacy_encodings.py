"""Vietnamese text typed in the legacy 8-bit encodings, found and converted
to Unicode NFC.

Excel stores what a TCVN3 or VNI keyboard typed as the Windows-1252 reading
of its bytes: ``Tªn c«ng tr×nh`` (TCVN3, fonts ``.VnTime``) or ``Teân coâng
trình`` (VNI, fonts ``VNI-Times``). Such a cell is recognised

* from its font name: ``.Vn…`` is TCVN3 (``.Vn…H`` fonts show every letter as a
  capital), ``VNI-…`` is VNI;
* or from its characters alone, so that a cell whose font was changed to Arial
  is still caught: the text must hold a character that Unicode Vietnamese
  never uses, every such word must become a Vietnamese syllable once
  converted, and no word may be a Vietnamese syllable already.

The tables are written from the standards: TCVN 5712:1993 (the VN3 / "ABC"
set: lowercase letters with their tones and the seven toneless capitals) and
VNI Software's published table (a base letter followed by a diacritic byte;
ơ ư đ ỵ and the i's are single bytes).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TCVN3, VNI = "TCVN3", "VNI"
ENCODING_NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}

# --------------------------------------------------------------------------
# TCVN 5712:1993, VN3: byte -> letter. The byte is given as the character
# Windows-1252 (= Latin-1 for A1..FE) shows for it.
_TCVN3_ROWS = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \u00adư ®đ",
    "µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ",
    "Çầ Èẩ Éẫ Êấ Ëậ Ìè Îẻ Ïẽ Ðé Ñẹ",
    "Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị",
    "ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ",
    "êờ ëở ìỡ íớ îợ ïù ñủ òũ óú ôụ",
    "õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ",
)
TCVN3_TABLE: dict[str, str] = {pair[0]: pair[1] for row in _TCVN3_ROWS for pair in row.split()}

# --------------------------------------------------------------------------
# VNI: the diacritic bytes (as Windows-1252 shows them), lowercase / uppercase.
_TONES = {"\u0301": "ùÙ", "\u0300": "øØ", "\u0309": "ûÛ", "\u0303": "õÕ", "\u0323": "ïÏ"}  # sắc huyền hỏi ngã nặng
_CIRCUMFLEX_TONES = {"": "âÂ", "\u0301": "áÁ", "\u0300": "àÀ", "\u0309": "åÅ", "\u0303": "ãÃ", "\u0323": "äÄ"}
_BREVE_TONES = {"": "êÊ", "\u0301": "éÉ", "\u0300": "èÈ", "\u0309": "úÚ", "\u0303": "üÜ", "\u0323": "ëË"}
# single bytes: ơ ư đ, the i's and ỵ
_VNI_SINGLE = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ", "î": "ỵ", "Î": "Ỵ",
               "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ",
               "ò": "ị", "Ò": "Ị"}


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(code: str, base: str, *marks: str) -> None:
        table[code] = unicodedata.normalize("NFC", base + "".join(marks))

    for upper in (0, 1):
        pick = (lambda s: s[upper])
        for base in "aeouy":
            b = base.upper() if upper else base
            for mark, codes in _TONES.items():
                add(b + pick(codes), b, mark)
        for base in "aeo":  # â ê ô and their tones
            b = base.upper() if upper else base
            for mark, codes in _CIRCUMFLEX_TONES.items():
                add(b + pick(codes), b, "\u0302", mark)
        b = "A" if upper else "a"  # ă and its tones
        for mark, codes in _BREVE_TONES.items():
            add(b + pick(codes), b, "\u0306", mark)
        for single, horn_base in (("Ô" if upper else "ô", "O" if upper else "o"), ("Ö" if upper else "ö", "U" if upper else "u")):
            for mark, codes in _TONES.items():  # ơ ư with their tones
                add(single + pick(codes), horn_base, "\u031b", mark)
    table.pop("yï", None), table.pop("YÏ", None)  # ỵ is the single byte î
    table.update(_VNI_SINGLE)
    return table


VNI_TABLE: dict[str, str] = _build_vni()
_VNI_MODIFIERS = frozenset("".join(c for d in (_TONES, _CIRCUMFLEX_TONES, _BREVE_TONES) for c in d.values()))
_VNI_PAIR = re.compile("|".join(sorted((re.escape(k) for k in VNI_TABLE), key=len, reverse=True)))

# Windows-1252 punctuation that legacy text may hold next to its letters.
_CP1252_PUNCT = frozenset("‘’“”–—…•€‚„†‡‰‹›™")
# Latin-1 letters that Unicode Vietnamese uses; anything else from A1..FF is a sign of TCVN3.
_VN_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_ONLY = frozenset(TCVN3_TABLE) - _VN_LATIN1
_TCVN3_HINT = re.compile("[" + re.escape("".join(sorted(_TCVN3_ONLY))) + "]")
_VNI_HINT_PATTERN = "[aeiouyAEIOUYôöÔÖ][" + re.escape("".join(sorted(_VNI_MODIFIERS))) + "]|[ñæîöÑÆÎÖ]"
_VNI_HINT = re.compile(_VNI_HINT_PATTERN)
_ANY_HINT = re.compile(_TCVN3_HINT.pattern + "|" + _VNI_HINT_PATTERN)


def decode_tcvn3(text: str, capitals: bool = False) -> str:
    out = "".join(TCVN3_TABLE.get(ch, ch) for ch in text)
    out = unicodedata.normalize("NFC", out)
    return out.upper() if capitals else out


def decode_vni(text: str) -> str:
    return _decode_vni(text)[0]


def _decode_vni(text: str) -> tuple[str, bool]:
    """The Unicode text, and whether every diacritic byte followed a letter
    that takes it (a stray one means the text is not VNI)."""
    out, pos, stray = [], 0, False
    for m in _VNI_PAIR.finditer(text):
        between = text[pos:m.start()]
        stray = stray or any(ch in _VNI_MODIFIERS for ch in between)
        out.append(between)
        out.append(VNI_TABLE[m.group(0)])
        pos = m.end()
    rest = text[pos:]
    stray = stray or any(ch in _VNI_MODIFIERS for ch in rest)
    out.append(rest)
    return unicodedata.normalize("NFC", "".join(out)), not stray


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as Windows-1252 shows it (used by tests and fixtures)."""
    inverse = {v: k for k, v in TCVN3_TABLE.items()}
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def encode_vni(text: str) -> str:
    inverse = {v: k for k, v in VNI_TABLE.items()}
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# --------------------------------------------------------------------------
# A Vietnamese syllable: initial consonant, vowel nucleus, final consonant,
# with the spelling rules that tell it apart from a word in another encoding.
_INITIAL = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
_OPEN = {  # nuclei that end the syllable (their last vowel is a glide)
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu",
    "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu", "oao", "uau",
}
_CLOSED = {"iê", "yê", "uô", "ươ", "uyê", "oă", "uâ", "ă", "â"}  # nuclei that need a final
_FREE = {"a", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư", "oa", "oe", "uê", "uy", "uơ"}
_NUCLEI = sorted(_OPEN | _CLOSED | _FREE, key=len, reverse=True)
_SYLLABLE = re.compile("(" + _INITIAL + ")(" + "|".join(_NUCLEI) + ")(ch|ng|nh|[cmnpt])?")
_PALATAL_NUCLEI = {"a", "ê", "i", "y", "oa", "uê", "uy"}       # the only ones before ch / nh
_NO_VELAR = {"ê", "i", "y", "ơ", "uơ", "uy", "uê"}             # never before c / ng
_STOP_TONES = {"\u0301", "\u0323"}                              # the only tones after c ch p t
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~‘’“”–—…•]+")


VOWELS = "aăâeêioôơuưy"
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", v + t) for v in VOWELS + VOWELS.upper() for t in ("", *_TONE_MARKS)
) | frozenset("bcdđghklmnpqrstvxfjwzBCDĐGHKLMNPQRSTVXFJWZ")


def _normal_case(word: str) -> bool:
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether a word is spelt like one Vietnamese syllable: Vietnamese
    letters only, in a normal case, at most one tone."""
    if not _normal_case(word) or any(ch not in VIETNAMESE_LETTERS for ch in word):
        return False
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in nfd if ch in _TONE_MARKS]
    if len(tones) > 1:
        return False
    plain = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONE_MARKS))
    m = _SYLLABLE.fullmatch(plain)
    if m is None:
        return False
    initial, nucleus, final = m.group(1), m.group(2), m.group(3) or ""
    if (final and nucleus in _OPEN) or (not final and nucleus in _CLOSED):
        return False
    if final in ("ch", "nh") and nucleus not in _PALATAL_NUCLEI:
        return False
    if final in ("c", "ng") and nucleus in _NO_VELAR:
        return False
    if final in ("c", "ch", "p", "t") and (tones[0] if tones else "") not in _STOP_TONES:
        return False
    if initial in ("k", "gh", "ngh") and nucleus[0] not in "eêiy":
        return False
    if initial == "qu" and nucleus[0] in "ouư":  # qu holds the glide already: never "quoác", "quuy" (but quốc)
        return False
    return True


_FOREIGN = re.compile("[^\x00-\xff" + re.escape("".join(sorted(_CP1252_PUNCT))) + "]")


def _foreign(text: str) -> bool:
    """Holds a character no 8-bit legacy text can hold (so it is Unicode)."""
    return _FOREIGN.search(text) is not None


unicode_only = _foreign


def may_be_legacy(text: str) -> bool:
    """Cheap test before detect(): only text with a TCVN3 sign or a VNI
    letter-and-diacritic pair, and nothing beyond Windows-1252, can be legacy."""
    return _FOREIGN.search(text) is None and _ANY_HINT.search(text) is not None


def _words_agree(text: str, decoded: str, need_evidence: bool = True) -> bool:
    """Every changed word becomes a syllable, and at least one of them (of
    two letters or more) was not a syllable as typed. A word that is one
    both ways ("dùng": Unicode dùng, TCVN3 dựng) is no evidence either way."""
    before, after = _WORD.findall(text), _WORD.findall(decoded)
    if len(before) != len(after):
        return False
    evidence = False
    for old, new in zip(before, after):
        if old == new:
            continue
        if not is_syllable(new):
            return False
        evidence = evidence or (len(new) > 1 and not is_syllable(old))
    return evidence or not need_evidence


def valid_as_typed(text: str, decoded: str) -> bool:
    """Every word the legacy reading would change is already a Vietnamese
    syllable as typed ('Bùi Lê Tâm', which TCVN3 would read 'Bựi Lờ Tõm'):
    the text stands as Unicode, and only a font could say otherwise."""
    before, after = _WORD.findall(text), _WORD.findall(decoded)
    return len(before) == len(after) and all(is_syllable(old) for old, new in zip(before, after) if old != new)


@lru_cache(maxsize=65536)
def _detect_text(text: str) -> str | None:
    if _foreign(text):
        return None
    if _TCVN3_HINT.search(text) and _words_agree(text, decode_tcvn3(text)):
        return TCVN3
    if _VNI_HINT.search(text):
        decoded, clean = _decode_vni(text)
        if clean and _words_agree(text, decoded):
            return VNI
    return None


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """(encoding, capitals) that a font name implies: ``.VnTime`` → TCVN3,
    ``.VnTimeH`` → TCVN3 shown in capitals, ``VNI-Times`` → VNI."""
    if not font:
        return None, False
    name = font.strip()
    if name.lower().startswith(".vn"):
        return TCVN3, name.endswith("H")
    if name.lower().startswith("vni"):
        return VNI, False
    return None, False


def detect(text: str, font: str | None = None) -> tuple[str | None, bool]:
    """(encoding, capitals) of one cell's text, or (None, False) for Unicode."""
    if text.isascii() and not font:
        return None, False
    encoding, capitals = font_encoding(font)
    if encoding is not None:  # the font says legacy: convert unless the words read as Unicode already
        if _foreign(text) or (text.isascii() and not capitals):
            return None, False
        if text.isascii():
            return encoding, capitals
        decoded, clean = (decode_tcvn3(text), True) if encoding == TCVN3 else _decode_vni(text)
        return (encoding, capitals) if clean and _words_agree(text, decoded, need_evidence=False) else (None, False)
    if text.isascii():
        return None, False
    return _detect_text(text), False


def convert_as(text: str, encoding: str) -> str | None:
    """The text read in ``encoding`` when the other cells of its column say
    the column is typed in it: every word it changes must become a Vietnamese
    syllable (no evidence needed: 'dùng' is Unicode dùng and TCVN3 dựng);
    None when the text cannot be in that encoding or nothing changes."""
    if text.isascii() or _foreign(text):
        return None
    decoded, clean = (decode_tcvn3(text), True) if encoding == TCVN3 else _decode_vni(text)
    if decoded == text or not clean or not _words_agree(text, decoded, need_evidence=False):
        return None
    return decoded


def convert(text: str, font: str | None = None) -> tuple[str, str | None]:
    """The cell's text in Unicode NFC and the legacy encoding it was in
    (None when it was already Unicode and nothing changed)."""
    encoding, capitals = detect(text, font)
    if encoding is None:
        return text, None
    out = decode_tcvn3(text, capitals) if encoding == TCVN3 else decode_vni(text)
    if capitals and encoding == VNI:
        out = out.upper()
    return (out, encoding) if out != text else (text, None)
