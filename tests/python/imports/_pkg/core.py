# Helper: a package submodule using a sibling through a relative import.
from .constants import FACTOR
def compute(x):
    return x * FACTOR
