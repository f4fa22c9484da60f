# Helper: half of a circular import pair; b reads a name defined before the import.
VALUE_A = "a-value"
import _mod_circular_b
def from_b():
    return _mod_circular_b.VALUE_B
