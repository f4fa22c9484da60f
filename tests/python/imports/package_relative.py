# Importing a package whose modules use relative imports, and dotted submodule imports.
import _pkg
print(_pkg.compute(6), _pkg.VERSION, _pkg.sub.leaf_name())
import _pkg.core
from _pkg.sub.leaf import leaf_name
from _pkg import constants
print(_pkg.core.compute(2), leaf_name(), constants.FACTOR, _pkg.core.__name__)
