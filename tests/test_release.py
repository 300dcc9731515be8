"""write_release: the files, their labels, the codebook, and the refusal to publish a model."""
import numpy as np
import pandas as pd
import pytest

from synthlab.normal import fit_joint_normal
from synthlab.release import codebook, write_release

ARGS = dict(description="Test data.", fit_for="Linear models only.", contact="Write to the custodian.")


@pytest.fixture
def frame():
    return pd.DataFrame({
        "age": [1.25, 3.5, 10.0],
        "n": np.array([1, 2, 3], dtype="int64"),
        "gen": pd.Categorical(["G1", "G3", "G2"], categories=["G1", "G2", "G3"], ordered=True),
        "reg": pd.Categorical(["north", "city", "north"], categories=["north", "city"]),
    })


def test_codebook_describes_types_and_values(frame):
    book = codebook(frame).set_index("variable")
    assert book.loc["age", "type"] == "numeric" and book.loc["age", "values"] == "1.25 to 10"
    assert book.loc["n", "type"] == "integer"
    assert book.loc["gen", "values"] == "G1 < G2 < G3" and book.loc["gen", "type"] == "ordered categorical"
    assert book.loc["reg", "values"] == "north, city" and book.loc["reg", "type"] == "unordered categorical"
    assert (book["missing"] == 0).all()


def test_release_writes_labelled_files(frame, tmp_path):
    before = frame.copy()
    write_release(frame, tmp_path, "boys", methods={"age": "cart", "gen": "polr"},
                  checks={"S_pMSE": 1.2}, prefix="syn_", **ARGS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "codebook.csv", "synthetic_boys.csv"]
    data = pd.read_csv(tmp_path / "synthetic_boys.csv")
    assert list(data.columns) == ["syn_age", "syn_n", "syn_gen", "syn_reg"]
    np.testing.assert_allclose(data["syn_age"], frame["age"])
    readme = (tmp_path / "README.md").read_text()
    assert "SYNTHETIC" in readme and "| `syn_age` | cart |" in readme and "| S_pMSE | 1.2 |" in readme
    assert "Linear models only." in readme and "Write to the custodian." in readme
    pd.testing.assert_frame_equal(frame, before)


def test_release_refuses_a_fitted_model(frame, tmp_path):
    model = fit_joint_normal(frame[["age", "n"]].astype(float))
    with pytest.raises(TypeError, match="never a fitted synthesis model"):
        write_release(model, tmp_path, "boys", methods={}, **ARGS)
    with pytest.raises(TypeError, match="not to a fitted model"):
        write_release(frame, tmp_path, "boys", methods={"age": model}, **ARGS)
    assert not any(tmp_path.iterdir())


def test_release_does_not_overwrite_by_accident(frame, tmp_path):
    write_release(frame, tmp_path, "boys", methods={}, **ARGS)
    with pytest.raises(FileExistsError, match="overwrite=True"):
        write_release(frame, tmp_path, "boys", methods={}, **ARGS)
    write_release(frame.head(1), tmp_path, "boys", methods={}, overwrite=True, **ARGS)
    assert len(pd.read_csv(tmp_path / "synthetic_boys.csv")) == 1


@pytest.mark.parametrize("name, methods, message", [
    ("my boys", {}, "name must be"),
    ("boys", {"weight": "norm"}, "not in synthetic: weight"),
])
def test_bad_arguments_are_named(frame, tmp_path, name, methods, message):
    with pytest.raises(ValueError, match=message):
        write_release(frame, tmp_path, name, methods=methods, **ARGS)


def test_table_cells_escape_the_pipe(frame, tmp_path):
    write_release(frame, tmp_path, "boys", methods={}, checks={"largest |gap|": 0}, **ARGS)
    assert "| largest \\|gap\\| | 0 |" in (tmp_path / "README.md").read_text()


def test_release_refuses_copies_of_the_observed_data(frame, tmp_path):
    shuffled = frame.sample(frac=1, random_state=0).reset_index(drop=True)
    for candidate in [frame, shuffled]:
        with pytest.raises(ValueError, match=r"100\.0 % of the synthetic rows copy a real row.*max_copied_share"):
            write_release(candidate, tmp_path, "boys", methods={}, observed=frame, **ARGS)
    assert not any(tmp_path.iterdir())
    one_copied = frame.assign(age=[1.25, 3.6, 10.5])          # row 0 equals a real row
    with pytest.raises(ValueError, match="33.3 %"):
        write_release(one_copied, tmp_path, "boys", methods={}, observed=frame, **ARGS)
    write_release(one_copied, tmp_path, "boys", methods={}, observed=frame, max_copied_share=0.5, **ARGS)
    readme = (tmp_path / "README.md").read_text()
    assert "33.33 % of the synthetic rows equal a real record" in readme
    assert "replicated uniques on all variables (a record unique in both data sets): 1" in readme


def test_release_without_observed_says_no_copy_check_was_run(frame, tmp_path):
    write_release(frame.assign(age=[9.0, 8.0, 7.0]), tmp_path, "boys", methods={}, **ARGS)
    assert "No check for copies of real records was run" in (tmp_path / "README.md").read_text()
    other = tmp_path / "checked"
    write_release(frame.assign(age=[9.0, 8.0, 7.0]), other, "boys", methods={}, observed=frame, **ARGS)
    readme = (other / "README.md").read_text()
    assert "0.00 % of the synthetic rows equal a real record" in readme and "No check" not in readme
    with pytest.raises(KeyError, match="synthetic lacks column.* weight"):
        write_release(frame, tmp_path / "x", "boys", methods={}, observed=frame.assign(weight=1.0), **ARGS)
    with pytest.raises(ValueError, match="max_copied_share"):
        write_release(frame, tmp_path / "y", "boys", methods={}, max_copied_share=2, **ARGS)
