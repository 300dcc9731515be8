"""A short quiz per chapter: conceptual questions with feedback on every answer, shown by jupyterquiz.

The quiz is HTML and JavaScript written into the cell's output: it runs in JupyterLab and on
the website without a kernel and without the network. Its element id is fixed per chapter, so
that the stored output of a notebook is reproduced exactly when it is run again (nbval).

>>> from synthlab.check import QUIZZES
>>> all(3 <= len(questions) <= 5 for questions in QUIZZES.values())
True
"""
from __future__ import annotations

import random
import re


def _question(text: str, *answers: tuple[str, bool, str]) -> dict:
    return {"question": text, "type": "multiple_choice",
            "answers": [{"answer": a, "correct": ok, "feedback": f} for a, ok, f in answers]}


QUIZZES: dict[int, list[dict]] = {
    1: [
        _question(
            "A data set has no names, addresses or ID numbers left. Why can it still disclose?",
            ("The remaining variables, combined, can single a person out, and be linked to what others already "
             "know about them", True, "Right: age, height and region together are often unique."),
            ("Names can be recovered from the order of the rows", False,
             "Not the point: shuffle the rows and the combinations of values still identify people."),
            ("It cannot: without direct identifiers a data set is anonymous", False,
             "That is the belief the Netflix example of the chapter refutes: a few ratings single people out."),
        ),
        _question(
            "An intruder learns a boy's region from a release without finding his record. What kind of "
            "disclosure is that?",
            ("Attribute disclosure", True, "Right: a characteristic is revealed, even without a match."),
            ("Identity disclosure", False, "Identity disclosure needs the record to be singled out; here it is not."),
            ("No disclosure, since no record was matched", False,
             "Learning something true about a person is disclosure, with or without a match."),
        ),
        _question(
            "You double the standard deviation of the noise added to age and height. What happens to the two "
            "figures of the chapter?",
            ("Re-identification goes down and the utility loss goes up", True,
             "Right: every protection trades utility for privacy."),
            ("Both go down", False, "More noise moves the values further from the truth: utility loss rises."),
            ("Neither changes: noise averages out", False,
             "It averages out in a mean, not in each record, nor in the extremes and the relations."),
        ),
        _question(
            "Why do the classical methods hurt analyses of relations between variables?",
            ("They work variable by variable, so they distort the relations between variables", True,
             "Right: synthetic data aim to keep those relations."),
            ("They delete rows", False, "None of the four methods of the chapter deletes a row."),
            ("They change the means of all variables", False,
             "Most of them keep the means roughly; the damage is to spreads, extremes and relations."),
        ),
    ],
    2: [
        _question(
            "What do synthetic data release instead of the real values?",
            ("Values drawn from a model fitted to the real data", True,
             "Right: the model can be anything we can sample from."),
            ("The real values, shuffled between the records", False,
             "Shuffling keeps every real value, and breaks the relations; synthesis draws new values."),
            ("The real values with noise added", False, "That is the noise method of chapter 1."),
        ),
        _question(
            "Three linear-normal regressions (age; hgt given age; wgt given age and hgt) chained one after the other. "
            "How do they compare with one multivariate normal?",
            ("They are the same model", True,
             "Right: FCS earns its keep once a conditional model is not linear-normal."),
            ("The chain is better, since it has more models", False,
             "With main effects and normal noise the chain is exactly a trivariate normal."),
            ("The chain loses the correlations", False,
             "Each regression carries its predictors' relation to the outcome: the correlations are kept."),
        ),
        _question(
            "Why add normal noise to the regression predictions in the conditional chain?",
            ("Without it every synthetic value lies on the regression line and the spread around it is lost", True,
             "Right: the noise gives back the residual variation of the real data."),
            ("To make the predictions more accurate", False, "Noise makes each prediction less accurate, on purpose."),
            ("The noise alone makes the data private", False,
             "Privacy comes from releasing model draws, not from this noise; its job is realism."),
        ),
        _question(
            "A synthesis model is so flexible that it reproduces each real record. What is wrong?",
            ("It costs privacy: the synthetic data give away the real records", True,
             "Right: aim for the simplest model that supports the intended analyses."),
            ("Nothing: the closer to the real data, the better", False,
             "A perfect copy has perfect utility and no protection at all."),
            ("It costs utility", False, "Utility is high; the problem is disclosure."),
        ),
        _question(
            "Why make a generator with np.random.default_rng(123) instead of calling np.random.normal?",
            ("Your draws can be repeated, and every draw of the chapter comes from one generator you control", True,
             "Right: the same seed gives the same data."),
            ("np.random.normal does not draw normal values", False, "It does; it draws from NumPy's global generator."),
            ("The generator makes the synthetic data more private", False, "The seed is about repeatability."),
        ),
    ],
    3: [
        _question(
            "What does the visit sequence of syn decide?",
            ("The order in which the variables are synthesised, and so which variables can predict which", True,
             "Right: each variable is modelled given the ones visited before it."),
            ("The order of the synthetic rows", False, "Rows are not ordered by it; variables are."),
            ("Which variables are released", False, "Every variable is synthesised; the sequence sets the order."),
        ),
        _question(
            "Why did the parametric synthesis give negative weights?",
            ("A linear-normal model ignores bounds: its normal noise and straight lines run below zero", True,
             "Right: the model's form, not bad luck."),
            ("Because of the seed", False, "Any seed gives some: the model allows them."),
            ("Because CART copies values", False, "The parametric synthesis uses norm, not CART."),
        ),
        _question(
            "bmi is synthesised passively, from its formula, after hgt and wgt. What does that buy, and what not?",
            ("bmi = wgt / (hgt/100)² holds exactly, but bmi inherits the problems of hgt and wgt", True,
             "Right: negative weights give impossible bmis."),
            ("bmi becomes less disclosive", False, "Passive synthesis is about consistency, not disclosure."),
            ("Nothing: a model of bmi would hold the formula too", False,
             "A separate model of bmi keeps the formula only approximately, often not at all."),
        ),
        _question(
            "CART makes no impossible values. What is the price?",
            ("Its synthetic values are copies of real ones, from the leaves", True,
             "Right: a disclosure risk that smoothing (chapter 4) reduces."),
            ("It cannot synthesise categorical variables", False, "Trees split on, and predict, categories too."),
            ("It is much less accurate than a linear model for every variable", False,
             "It follows curves and bounds a linear model misses."),
        ),
        _question(
            "Your method syn_line returns the regression predictions without noise. What do the synthetic data "
            "claim?",
            ("A certainty the real data lack: heights lie exactly on the line of age", True,
             "Right: keep the noise."),
            ("Nothing unusual: the predictions are the best guesses", False,
             "Best guesses for each boy, but their spread is far too small."),
            ("More privacy than with noise", False, "The relation is exaggerated; privacy is not the gain."),
        ),
    ],
    4: [
        _question(
            "A synthetic data set has plausible values and the right distribution overall. Will your regression give "
            "the same results on it?",
            ("Not necessarily: a model reproduces only the analyses whose structure it contains", True,
             "Right: check outcome-specific utility for the analyses that matter."),
            ("Yes: global utility implies outcome-specific utility", False,
             "A global measure can miss the one relation (a square, an interaction) your analysis needs."),
            ("No: synthetic data never reproduce regressions", False, "They do when the model contains the relation."),
        ),
        _question(
            "What does the estimated density ratio f_obs / f_syn show besides one number?",
            ("Where the synthetic data go wrong: regions with too few (ratio above 1) or too many (below 1) "
             "synthetic records", True, "Right: colour the synthetic points by it."),
            ("Which records are disclosive", False, "It measures utility, not disclosure."),
            ("Nothing: it is only a test statistic", False, "The ratio is a function you can evaluate at every point."),
        ),
        _question(
            "The confidence interval overlap of a coefficient is near 1. What does that mean?",
            ("The intervals from the synthetic and the observed data nearly coincide", True,
             "Right: an inference would come out the same."),
            ("The coefficient is not significant", False, "CIO compares two intervals; it says nothing about zero."),
            ("The synthetic data copy the observed ones", False, "Intervals can agree without a single copied record."),
        ),
        _question(
            "What is a replicated unique?",
            ("A real record unique on the keys whose key combination is also unique in the synthetic data", True,
             "Right: an intruder who knows the keys finds 'their' record."),
            ("A synthetic row that appears twice", False, "Duplicates inside the synthetic data are another matter."),
            ("Any synthetic record equal to a real one in every variable", False,
             "Only the keys have to match, and uniquely in both sets."),
        ),
        _question(
            "You make CART's leaves smaller. What do you expect?",
            ("Utility and disclosure risk both go up", True, "Right: the slider trades one against the other."),
            ("Utility goes up and disclosure risk goes down", False,
             "Small leaves follow the data closely: a leaf of one record hands its value on."),
            ("Nothing changes", False, "Leaf size is CART's main knob."),
        ),
    ],
    5: [
        _question(
            "Why does write_release refuse the synthesis result object?",
            ("It holds the fitted model, which can reveal more about the real data than the synthetic rows", True,
             "Right: release data, never a fitted synthesis model."),
            ("It is too large to write", False, "Size is not the reason."),
            ("It has no column names", False, "It has them; the fitted model is the problem."),
        ),
        _question(
            "Why prefix every variable with syn_?",
            ("So that nobody mistakes a synthetic value for a real one, even after copying columns elsewhere", True,
             "Right: the label travels with the data."),
            ("Because CSV files need a prefix", False, "CSV has no such rule."),
            ("To hide the variable names from an intruder", False, "The names stay readable; the label is the point."),
        ),
        _question(
            "A researcher finds a strong effect in your synthetic data. What should they do?",
            ("Run the final analysis on the real data, through the access route the README names", True,
             "Right: synthetic data are for exploration and code; results come from the real data."),
            ("Publish it: the synthetic data have the same distribution", False,
             "Only as far as the model captured it; the effect may be the model's."),
            ("Nothing: synthetic data cannot show effects", False, "They can, real or not: check on the real data."),
        ),
        _question(
            "Why list the pre-release checks in the README?",
            ("Readers can judge the risks and the fitness for use themselves", True,
             "Right: the release documents how it was made and tested."),
            ("The checks make the data private", False, "Checks measure; they do not protect."),
            ("write_release needs them to run", False, "It runs without; the README then says none were stated."),
        ),
    ],
}


def quiz(chapter: int) -> None:
    """Show the quiz of ``chapter`` (1-5) in the notebook or on the website."""
    try:
        from jupyterquiz import display_quiz
    except ImportError:
        print("The quiz needs the package jupyterquiz: pip install jupyterquiz==2.9.6.4, then run this cell again.")
        return
    if chapter not in QUIZZES:
        raise ValueError(f"chapter is {chapter!r}; the quizzes are for chapters {sorted(QUIZZES)}")
    import jupyterquiz.dynamic.display as shown
    from IPython.display import Javascript

    state, javascript = random.getstate(), shown.Javascript
    random.seed(f"synthlab quiz {chapter}")  # a fixed element id: the stored output is reproduced exactly
    # jupyterquiz typesets its text with a page's MathJax, and fetches MathJax from a CDN when the
    # page's is still loading. The questions hold no math: use MathJax only once it is ready.
    shown.Javascript = lambda code: Javascript(_MATHJAX_CHECK.sub(lambda match: _MATHJAX_READY, code))
    try:
        display_quiz(QUIZZES[chapter], shuffle_answers=True, max_width=720)
    finally:
        random.setstate(state)
        shown.Javascript = javascript


_MATHJAX_CHECK = re.compile(r"typeof MathJax !==? 'undefined'")
_MATHJAX_READY = "typeof MathJax != 'undefined' && typeof MathJax.typeset == 'function'"
