"""uLSIF density-ratio estimation: known answers, the closed-form cross-validation, R's defaults."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import cdist

import synthlab
from synthlab.evaluation.density_ratio import RatioEncoder, _kernel, _loocv_scores


def normal_frames(mu, n, seed, dim=1):
    rng = np.random.default_rng(seed)
    cols = [f"x{i}" for i in range(dim)]
    nu = pd.DataFrame(rng.normal(0, 1, (n, dim)), columns=cols)
    de = pd.DataFrame(rng.normal(0, 1, (n, dim)), columns=cols)
    de["x0"] += mu
    return nu, de


def test_same_distribution_gives_divergence_near_zero():
    nu, de = normal_frames(0.0, 500, seed=11, dim=2)
    fit = synthlab.ulsif(nu, de, seed=1)
    assert 0 <= fit.pearson_divergence < 0.03


def test_shifted_normals_match_analytic_pearson_divergence():
    # N(0,1) over N(mu,1): PE = (exp(mu^2) - 1) / 2 = 0.1420 for mu = 0.5. uLSIF is shrunk
    # towards 0 by its ridge penalty and single estimates vary by about 25% at n = 1000, so the
    # test averages four replications and allows 20% relative error.
    mu = 0.5
    truth = (np.exp(mu**2) - 1) / 2
    estimates = [synthlab.ulsif(*normal_frames(mu, 1000, seed=s), seed=s).pearson_divergence for s in range(4)]
    assert np.mean(estimates) == pytest.approx(truth, rel=0.20)
    # and a larger shift gives a clearly larger divergence
    far = synthlab.ulsif(*normal_frames(1.0, 1000, seed=0), seed=0).pearson_divergence
    assert far > 3 * truth


@pytest.mark.parametrize("intercept", [False, True])
def test_closed_form_loocv_equals_brute_force_leave_one_out(intercept):
    rng = np.random.default_rng(3)
    x_nu, x_de = rng.normal(size=(30, 2)), rng.normal(0.5, 1, size=(45, 2))
    centers = np.vstack([x_nu, x_de])[rng.choice(75, 10, replace=False)]
    phi_nu = _kernel(cdist(x_nu, centers, "sqeuclidean"), 1.0, intercept)
    phi_de = _kernel(cdist(x_de, centers, "sqeuclidean"), 1.0, intercept)
    lambdas = np.array([0.01, 0.1, 1.0])
    n_nu, n_de, n_min = 30, 45, 30
    big_h, small_h = phi_de.T @ phi_de / n_de, phi_nu.mean(axis=0)
    penalty = np.eye(len(big_h))
    penalty[0, 0] = 0.0 if intercept else 1.0          # the intercept's weight is not penalised
    brute = []
    for lam in lambdas:
        total = 0.0
        for i in range(n_min):  # drop numerator row i and denominator row i, refit, score them
            h_i = (n_de * big_h - np.outer(phi_de[i], phi_de[i])) / (n_de - 1)
            small_i = (n_nu * small_h - phi_nu[i]) / (n_nu - 1)
            alpha = np.linalg.solve(h_i + lam * penalty, small_i)      # negative weights kept
            total += (phi_de[i] @ alpha) ** 2 / 2 - phi_nu[i] @ alpha
        brute.append(total / n_min)
    np.testing.assert_allclose(_loocv_scores(phi_nu, phi_de, lambdas, intercept), brute, rtol=1e-9)


def boys_pair():
    """The data of tests/r/ulsif_reference.R: boys vs a noisy, shuffled, shorter copy."""
    rng = np.random.default_rng(1)
    boys = synthlab.load_boys()
    syn = boys.copy()
    for col in ["age", "hgt", "wgt", "bmi", "hc", "tv"]:
        syn[col] = syn[col] + rng.normal(0, syn[col].std() * 0.3, len(syn))
    syn["phb"] = pd.Categorical(np.roll(syn["phb"].astype(str).to_numpy(), 50),
                                categories=boys["phb"].cat.categories, ordered=True)
    return boys, syn.iloc[:600]


def r_reference():
    """Numbers printed by tests/r/ulsif_reference.R (R's densityratio 0.2.3 and 0.2.2)."""
    lines = (Path(__file__).parent / "r" / "ulsif_reference.txt").read_text().splitlines()
    return {(line.split()[0], line.split()[1]): [float(v) for v in line.split()[2:]] for line in lines}


@pytest.mark.parametrize("intercept, label", [(False, "v0.2.3"), (True, "v0.2.3_intercept")])
def test_matches_r_densityratio(intercept, label):
    # Same rows and the same 200 centres as the R script (tests/r/make_ulsif_reference_data.py).
    ref = r_reference()
    boys, syn = boys_pair()
    fit = synthlab.ulsif(boys, syn, seed=5, intercept=intercept)
    assert fit.sigma == pytest.approx(ref[label, "sigma"][0], rel=1e-6)
    assert fit.lambda_ == pytest.approx(ref[label, "lambda"][0], rel=1e-6)
    assert fit.cv_scores.to_numpy().min() == pytest.approx(ref[label, "min_cv"][0], rel=1e-6)
    assert fit.pearson_divergence == pytest.approx(ref[label, "PE"][0], rel=1e-6)
    np.testing.assert_allclose(fit.predict(boys.head()), ref[label, "r_nu_1_5"], rtol=1e-6)


def test_r_densityratio_0_2_2_gave_a_smaller_divergence_by_clipping():
    # The R tutorial pins 0.2.2: it clipped negative leave-one-out terms, which synthlab no
    # longer does; on this pair 0.2.2's divergence is lower than 0.2.3's (and synthlab's).
    ref = r_reference()
    fit = synthlab.ulsif(*boys_pair(), seed=5)
    assert ref["v0.2.2", "PE"][0] < fit.pearson_divergence
    assert fit.pearson_divergence == pytest.approx(ref["v0.2.3", "PE"][0], rel=1e-6)


def test_encoding_follows_model_matrix_distances():
    boys = synthlab.load_boys()
    enc = RatioEncoder.from_frames(boys, boys)
    x = enc.transform(boys)
    # 6 numeric + gen (first factor: all 5 levels) + phb (ordered: 6) + reg (unordered: 4 of 5)
    assert x.shape == (748, 6 + 5 + 6 + 4)
    assert np.allclose(x[:, 0].mean(), 0) and np.isclose(x[:, 0].std(ddof=1), 1)
    # R codes phb with orthonormal polynomial contrasts; their rows are pairwise at squared
    # distance 2, exactly like one-hot rows, so the kernel sees the same distances.
    k = 6
    centred = np.arange(1, k + 1) - 3.5
    q, r = np.linalg.qr(np.vander(centred, k, increasing=True))
    contr_poly = (q * np.sign(np.diag(r)))[:, 1:]
    d_poly = cdist(contr_poly, contr_poly, "sqeuclidean")
    d_onehot = cdist(np.eye(k), np.eye(k), "sqeuclidean")
    np.testing.assert_allclose(d_poly, d_onehot, atol=1e-12)


def test_pearson_divergence_formula_and_predict():
    nu, de = normal_frames(0.7, 300, seed=2)
    fit = synthlab.ulsif(nu, de, seed=2)
    r_nu, r_de = fit.predict(nu), fit.predict(de)
    np.testing.assert_allclose(r_nu, fit.ratio_numerator)
    assert fit.pearson_divergence == pytest.approx(r_nu.mean() / 2 - r_de.mean() + 0.5)
    # the ratio f_nu / f_de is larger where the numerator has more mass (left of the shift)
    assert fit.predict(pd.DataFrame({"x0": [-1.0]}))[0] > fit.predict(pd.DataFrame({"x0": [2.0]}))[0]


def test_seed_controls_centres_and_inputs_are_not_mutated():
    nu, de = normal_frames(0.5, 150, seed=4)
    before = nu.copy()
    a, b = synthlab.ulsif(nu, de, seed=7), synthlab.ulsif(nu, de, seed=7)
    c = synthlab.ulsif(nu, de, seed=8)
    assert a.pearson_divergence == b.pearson_divergence
    assert not np.array_equal(a.centers, c.centers)
    pd.testing.assert_frame_equal(nu, before)
    assert "pearson_divergence=" in repr(a)


def test_bad_input_is_rejected_with_clear_errors():
    nu, de = normal_frames(0.0, 20, seed=0)
    with pytest.raises(TypeError, match="numerator"):
        synthlab.ulsif(nu.to_numpy(), de)
    with pytest.raises(KeyError, match="denominator lacks column.* x0"):
        synthlab.ulsif(nu, de.rename(columns={"x0": "y"}))
    with pytest.raises(KeyError, match="denominator has column.* z"):
        synthlab.ulsif(nu, de.assign(z=1.0))
    with pytest.raises(ValueError, match="constant"):
        synthlab.ulsif(nu.assign(x0=1.0), de)
    with pytest.raises(ValueError, match="lambda_"):
        synthlab.ulsif(nu, de, lambda_=[0.1, -1])
    with pytest.raises(ValueError, match="n_centers"):
        synthlab.ulsif(nu, de, n_centers=0)
    with pytest.raises(ValueError, match="denominator needs at least 2 rows"):
        synthlab.ulsif(nu, de.iloc[:0])


def test_missing_values_are_an_indicator_and_a_level():
    enc = RatioEncoder.from_frames(pd.DataFrame({"x": [1.0, 3.0, np.nan], "g": ["a", None, "b"]}),
                                   pd.DataFrame({"x": [2.0, 2.0, 2.0], "g": ["a", "a", "b"]}))
    # x: standardised by the numerator's mean 2 and sd sqrt(2), missing -> 0 plus indicator;
    # g (first factor): all levels, missing the last
    out = enc.transform(pd.DataFrame({"x": [1.0, np.nan], "g": [None, "b"]}))
    np.testing.assert_allclose(out, [[-1 / np.sqrt(2), 0, 0, 0, 1], [0, 1, 0, 1, 0]])
    # more missing values in the synthetic data than in the observed give a larger divergence
    rng = np.random.default_rng(0)
    nu = pd.DataFrame({"x": rng.normal(size=400), "y": rng.normal(size=400)})
    nu.loc[:19, "y"] = np.nan
    same = nu.sample(frac=1, random_state=1, ignore_index=True)
    more = same.copy()
    more.loc[:119, "y"] = np.nan
    assert synthlab.ulsif(nu, more, seed=0).pearson_divergence > synthlab.ulsif(nu, same, seed=0).pearson_divergence + 0.05


def test_takes_a_synthesis_result_one_fit_per_set():
    boys = synthlab.load_boys()[["age", "hgt", "reg"]]
    result = synthlab.syn(boys, m=2, seed=1)
    fits = synthlab.ulsif(boys, result, seed=3, n_centers=50)
    assert len(fits) == 2
    rng = np.random.default_rng(3)
    first = synthlab.ulsif(boys, result.data[0], seed=rng, n_centers=50)
    assert fits[0].pearson_divergence == first.pearson_divergence
    assert synthlab.ulsif(boys, result.data[1][["reg", "hgt", "age"]], seed=1, n_centers=50).encoder.columns == list(boys.columns)
