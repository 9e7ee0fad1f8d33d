"""Item categories: one vocabulary (compliance.choices.ITEM_CATEGORY_WORDS) for extraction,
accepted proposals and the record."""

import pytest

from compliance.choices import ITEM_CATEGORY_WORDS, ItemCategory
from ingestion.services.proposals import _item_category


@pytest.mark.parametrize("text,category", [
    ("152 mm artillery shells", ItemCategory.ARTILLERY_AMMUNITION),
    ("shell", ItemCategory.ARTILLERY_AMMUNITION),
    ("KN-23 missiles", ItemCategory.BALLISTIC_MISSILES),
    ("a machine gun", ItemCategory.SMALL_ARMS),
    ("soldier", ItemCategory.PERSONNEL),
    ("raw material", ItemCategory.RAW_MATERIALS),
    ("satellite technology", ItemCategory.TECHNOLOGY),
    ("Spare parts", ItemCategory.MILITARY_EQUIPMENT),
    ("dual-use machine tools", ItemCategory.OTHER),
    ("", ItemCategory.OTHER),
])
def test_a_description_names_one_category(text, category):
    assert ItemCategory.of(text) == category


def test_every_category_is_in_the_vocabulary_and_no_word_names_two():
    assert set(ITEM_CATEGORY_WORDS) == set(ItemCategory.values)
    words = [w for ws in ITEM_CATEGORY_WORDS.values() for w in ws]
    assert len(words) == len(set(words))


def test_accepted_proposals_use_the_vocabulary_unless_extraction_suggested_a_category():
    for category, words in ITEM_CATEGORY_WORDS.items():
        for word in words:
            assert _item_category(word, [], 0) == category, word
    assert _item_category("fuel", [ItemCategory.ROCKETS], 0) == ItemCategory.ROCKETS
