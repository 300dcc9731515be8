"""Assertions on a self-check's verdict, shared by the tests of ``synthlab.check``."""


def passes(verdict):
    """The check accepted the answer, in plain words."""
    assert verdict.ok and "Right" in verdict.message, verdict.message


def fails(verdict, *words):
    """The check refused the answer and its message names each of ``words``."""
    assert not verdict.ok and "Not yet" in verdict.message, verdict.message
    for word in words:
        assert word in verdict.message, verdict.message
