"""The pipeline end to end in one process (tasks run eagerly): what `manage.py ingest`
does for a user, and what it must never do to what is already stored."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ingestion.choices import ExtractionState, ProposalKind, ProposalState, SubmissionState
from ingestion.models import Article, ArticleRevision, Proposal, Submission

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


# The command commits as it goes (tasks are queued on commit), as in real use: these tests
# run on a database they really commit to, not inside one rolled-back transaction.
pytestmark = pytest.mark.usefixtures("transactional_db")


def ingest(*inputs, expect_failure=False) -> str:
    out = io.StringIO()
    if expect_failure:
        with pytest.raises(CommandError):
            call_command("ingest", *map(str, inputs), "--no-progress", stdout=out, stderr=io.StringIO())
    else:
        call_command("ingest", *map(str, inputs), "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def statements_by(stance: str) -> list[Proposal]:
    return list(Proposal.objects.filter(kind=ProposalKind.STATEMENT, payload__stance=stance))


def test_ingesting_the_seed_folder_creates_five_distinct_articles(seeded):
    output = ingest(SEEDS)

    assert Article.objects.count() == 5
    assert not Article.objects.filter(near_duplicate_of__isnull=False).exists()
    assert set(Article.objects.values_list("extraction_state", flat=True)) == {ExtractionState.EXTRACTED}
    assert "ingested:   5 (5 new articles" in output
    assert "near duplicates flagged: 0" in output
    # The seed articles are already source documents in the record: the articles link to them.
    assert Article.objects.filter(source_document__isnull=False).count() == 5


def _who(proposal: Proposal) -> str:
    p = proposal.payload
    return f"{p.get('speaker') or ''} / {p.get('on_behalf_of') or ''}"


def test_the_seed_run_proposes_the_key_statements_each_pointing_at_its_sentence(seeded):
    ingest(SEEDS)

    def find(stance, who_words, text_words):
        for proposal in statements_by(stance):
            sentence = proposal.revision.text[proposal.start:proposal.end]
            if any(w in _who(proposal) for w in who_words) and all(w in sentence for w in text_words):
                return proposal
        found = [(_who(p), p.revision.text[p.start:p.end][:80]) for p in statements_by(stance)]
        raise AssertionError(f"no {stance} statement by {who_words} about {text_words}; found {found}")

    kirby = find("asserts", ["Kirby", "White House"], ["1,000 containers"])
    # the card's excerpt is its sentence, then the other passages reporting the same recorded statement
    passages = kirby.payload.get("passages") or [[kirby.start, kirby.end]]
    assert kirby.excerpt == "\n…\n".join(kirby.revision.text[a:b].strip() for a, b in passages)
    assert kirby.excerpt.startswith(kirby.revision.text[kirby.start:kirby.end].strip())
    uk = find("assesses", ["Ministry of Defence", "United Kingdom", "defence", "defense"], ["almost certain"])
    assert uk.payload["probability_term"] == "almost certain"
    assert uk.payload["band"] == [95, 100]
    find("denies", ["North Korea", "DPRK"], ["never exported weapons"])
    find("declines_to_comment", ["Peskov", "Kremlin"], ["nothing to say"])


def test_ingesting_the_same_folder_again_adds_nothing(seeded):
    ingest(SEEDS)
    before = (Article.objects.count(), ArticleRevision.objects.count(), Proposal.objects.count())

    output = ingest(SEEDS)

    assert (Article.objects.count(), ArticleRevision.objects.count(), Proposal.objects.count()) == before
    assert "duplicates: 5" in output
    assert Submission.objects.filter(state=SubmissionState.DUPLICATE).count() == 5


def test_a_lightly_edited_copy_is_flagged_as_a_near_duplicate_of_its_original(seeded, tmp_path):
    original_path = SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt"
    ingest(SEEDS)
    lines = original_path.read_text().splitlines()
    lines[0] = "UK says North Korean munitions have 'almost certainly' reached Russia"  # new headline
    paragraphs = [line for line in lines if line.strip()]
    dropped = next(p for p in paragraphs if p.startswith("The international community"))
    edited = "\n\n".join(p for p in paragraphs if p is not dropped)
    edited = edited.replace("amid persistent speculation over their arms transfers",
                            "as speculation over the arms transfers persists")
    copy = tmp_path / "2023-10-28_syndicated-copy.txt"
    copy.write_text(edited)

    output = ingest(copy)

    article = Article.objects.get(submissions__locator=str(copy))
    original = Article.objects.get(title__startswith="Arrival of N. Korean arms")
    assert article.near_duplicate_of == original
    assert article.cluster_id is not None and article.cluster_id == original.cluster_id
    assert article.similarity >= 0.5
    assert "near duplicates flagged: 1" in output


def test_a_failed_input_is_reported_and_stored_articles_are_untouched(seeded, tmp_path):
    ingest(SEED_FILES[0])
    stored = list(Article.objects.values_list("id", "title", "current_revision__text"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    output = ingest(empty, tmp_path / "missing.txt", expect_failure=True)

    assert list(Article.objects.values_list("id", "title", "current_revision__text")) == stored
    failed = Submission.objects.get(state=SubmissionState.FAILED)
    assert "empty" in failed.error
    assert "missing.txt: no such file or folder" in output


def test_a_rejected_proposal_is_not_proposed_again_by_re_extraction(seeded, analyst):
    from ingestion.services.articles import article_extract
    from ingestion.services.proposals import proposal_reject

    ingest(SEED_FILES[2])
    proposal = Proposal.objects.filter(kind=ProposalKind.STATEMENT).first()
    proposal_reject(proposal=proposal, by=analyst, note="Not a statement about the transfer.")
    count = Proposal.objects.count()

    article_extract(article_id=proposal.article_id, force=True)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED
    assert Proposal.objects.count() == count
    assert not Proposal.objects.filter(fingerprint=proposal.fingerprint, state=ProposalState.PENDING).exists()


def test_ingesting_a_folder_copy_of_the_seeds_under_another_name_is_a_duplicate(seeded, tmp_path):
    ingest(SEED_FILES[1])
    copy = tmp_path / "renamed.txt"
    shutil.copy(SEED_FILES[1], copy)

    ingest(copy)

    assert Article.objects.count() == 1
    duplicate = Submission.objects.get(locator=str(copy))
    assert duplicate.state == SubmissionState.DUPLICATE
    assert duplicate.article == Article.objects.get()


def test_an_article_in_another_language_is_stored_but_not_extracted(seeded, tmp_path):
    french = tmp_path / "2023-09-14_article-en-francais.txt"
    french.write_text(
        "La Corée du Nord livre des munitions à la Russie\n\n"
        "Selon les services de renseignement, la Corée du Nord aurait livré des obus d'artillerie à la "
        "Russie au cours des dernières semaines. Le Kremlin a refusé de commenter ces informations, "
        "tandis que Washington a dénoncé une violation des résolutions du Conseil de sécurité."
    )

    ingest(french)

    article = Article.objects.get()
    assert article.extraction_state == ExtractionState.OTHER_LANGUAGE
    assert "English" in article.extraction_error
    assert not article.proposals.exists()


def test_an_article_with_nothing_relevant_ends_as_not_relevant(seeded, tmp_path):
    recipe = tmp_path / "2023-09-14_baking.txt"
    recipe.write_text(
        "How to bake a sourdough loaf\n\n"
        "Mix the flour and water and leave the dough to rest for an hour. Add the starter and the salt, "
        "then fold the dough every half hour. Shape it in the evening and bake it in the morning."
    )

    ingest(recipe)

    article = Article.objects.get()
    assert article.extraction_state == ExtractionState.NOT_RELEVANT
    assert not article.proposals.filter(kind__in=[ProposalKind.STATEMENT, ProposalKind.TRANSFER]).exists()


@pytest.mark.parametrize("url", ["http://127.0.0.1/admin/", "http://169.254.169.254/latest/meta-data/"])
def test_a_url_to_an_internal_address_is_refused_and_fails_visibly(url):
    ingest(url, expect_failure=True)

    submission = Submission.objects.get()
    assert submission.state == SubmissionState.FAILED
    assert "refused" in submission.error.lower()
    assert not Article.objects.exists()


def test_a_url_that_is_not_http_is_refused_before_anything_is_fetched():
    output = ingest("file:///etc/passwd", expect_failure=True)

    assert "only http and https URLs" in output
    assert not Article.objects.exists()


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, what the submission must end as: "failed: <words>" or "ingested")."""
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    story = ("Seoul says North Korea shipped shells\n\nSouth Korea's defence ministry said on Monday that "
             "North Korea had shipped artillery shells to Russia by rail, calling it a violation of UN "
             "Security Council resolutions. Pyongyang’s café owners were not asked.")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(story.replace("’", "'").encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(story.encode("utf-16"))
    scripts = tmp_path / "scripts.html"
    scripts.write_text("<html><head><script>document.write('evil')</script></head><body>"
                       + "<script>alert(1)</script>" * 50 + "<article><h1>Seoul says North Korea shipped shells"
                       "</h1><p>" + story.partition("\n\n")[2] + "</p></article></body></html>")
    return {
        "binary": (binary, "failed: binary"),
        "50 MB": (huge, "failed: cap"),
        "latin-1": (latin1, "ingested"),
        "UTF-16": (utf16, "ingested"),
        "HTML full of scripts": (scripts, "ingested"),
    }


@pytest.mark.parametrize("case", ["binary", "50 MB", "latin-1", "UTF-16", "HTML full of scripts"])
def test_bad_input_ends_in_a_clear_state_and_loses_nothing_stored(seeded, tmp_path, case):
    ingest(SEED_FILES[3])
    stored = list(Article.objects.values_list("id", "title", "current_revision__text"))
    path, expected = _bad_inputs(tmp_path)[case]

    ingest(path, expect_failure=expected.startswith("failed"))

    submission = Submission.objects.get(locator=str(path))
    assert list(Article.objects.filter(id__in=[a for a, _, _ in stored])
                .values_list("id", "title", "current_revision__text")) == stored
    if expected.startswith("failed"):
        assert submission.state == SubmissionState.FAILED
        assert expected.split(": ")[1] in submission.error.lower(), submission.error
        assert Article.objects.count() == len(stored)
    else:
        assert submission.state == SubmissionState.INGESTED, submission.error
        text = submission.revision.text
        assert "shipped artillery shells to Russia by rail" in text
        assert "alert(1)" not in text and "evil" not in text
        if case == "UTF-16":
            assert "Pyongyang’s café" in text
