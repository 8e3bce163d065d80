import unicodedata

from danvan.text import clean, fold, vi_sort_key


def test_fold_ignores_diacritics_case_and_d_stroke():
    assert fold("Sở Nội vụ") == "so noi vu"
    assert fold("ĐỒNG NAI") == "dong nai"


def test_fold_and_clean_accept_decomposed_text_with_spaces():
    nfd = unicodedata.normalize("NFD", "  Sở   Tư pháp ")
    assert clean(nfd) == "Sở Tư pháp"
    assert unicodedata.is_normalized("NFC", clean(nfd))
    assert fold(nfd) == "so tu phap"


def test_vietnamese_sort_puts_d_stroke_after_d_and_tones_after_base():
    names = ["Đà Nẵng", "Dung", "Ân", "An", "Ăn", "Bạ", "Bá", "Ba", "Bà"]
    assert sorted(names, key=vi_sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Ba",
        "Bà",
        "Bá",
        "Bạ",
        "Dung",
        "Đà Nẵng",
    ]
