"""One BLAS thread for synthlab's small matrix work.

The course's matrices are small (hundreds to a few thousand rows, tens to a few hundred
columns). On a shared 2-core machine OpenBLAS' threads then cost far more than they save: a
1,500 x 160 cross-product takes about 60 ms with two threads against 8 ms with one. The
public functions that do such work run under :func:`one_blas_thread`; the caller's own
setting is restored on return. Results do not depend on it beyond rounding in the last bits.
"""
from __future__ import annotations

import functools
from typing import Callable, TypeVar

from threadpoolctl import ThreadpoolController

F = TypeVar("F", bound=Callable)


@functools.cache
def _controller() -> ThreadpoolController:
    """The BLAS libraries loaded (found once: scanning them costs milliseconds, limiting does not)."""
    return ThreadpoolController()


def one_blas_thread(function: F) -> F:
    """Decorator: run ``function`` with BLAS limited to one thread.

    Examples
    --------
    >>> @one_blas_thread
    ... def gram(a):
    ...     return a.T @ a
    >>> import numpy as np
    >>> gram(np.eye(2)).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    @functools.wraps(function)
    def limited(*args, **kwargs):
        with _controller().limit(limits=1, user_api="blas"):
            return function(*args, **kwargs)
    return limited
