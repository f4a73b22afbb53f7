"""Claims about the real dataset's evidence and review, kept in one place: a data correction that
changes one of them shows up here as one reviewed diff."""

from __future__ import annotations

from tajik_peace import evidence
from tajik_peace.reliability import SAMPLE_SIZE
from tajik_peace.validate import ATTESTED_TABLES


def test_every_record_had_the_independent_review(real_dataset):
    reviewed = {
        (str(t), str(r))
        for t, r in zip(
            real_dataset.second_review["table"], real_dataset.second_review["record_id"]
        )
    }
    missing = [
        (t, str(rid))
        for t in ATTESTED_TABLES
        for rid in real_dataset[t].index
        if (t, str(rid)) not in reviewed
    ]
    assert not missing, f"records without an independent review: {missing[:10]}"


def test_the_double_coding_sample_is_large_enough(real_dataset):
    s = evidence.summary(real_dataset)
    assert s["sample_records"] == SAMPLE_SIZE
    assert s["sample_records_counted"] >= 60


def test_every_disagreement_in_the_sample_is_settled_with_a_reason(real_dataset):
    dc = real_dataset.double_coding.reset_index()
    disagree = dc[
        dc["first_coder"].fillna("").str.casefold() != dc["second_coder"].fillna("").str.casefold()
    ]
    assert (disagree["settlement"].astype(str) != "agreed").all()
    assert disagree["note"].notna().all()
    agreed = dc[dc["settlement"].astype(str) == "agreed"]
    assert (
        agreed["first_coder"].fillna("").str.casefold()
        == agreed["second_coder"].fillna("").str.casefold()
    ).all()


def test_corrections_settled_by_the_double_coding_are_logged(real_dataset):
    dc = real_dataset.double_coding.reset_index()
    corrected = set(dc.loc[dc["settlement"].astype(str) == "dataset_corrected", "record_id"])
    log = real_dataset.review_log
    logged = set(log.loc[log["pass"].astype(str) == "double-coding", "record_id"])
    assert corrected and corrected <= logged, corrected - logged
