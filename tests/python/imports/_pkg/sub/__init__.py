# Helper: a subpackage.
from .leaf import leaf_name
