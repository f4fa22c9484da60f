# Helper package: runs once on first import, re-exports from a submodule with a relative import.
print("_pkg init")
from .core import compute
from . import sub
VERSION = "1.0"
