# Helper: the other half of the circular pair.
import _mod_circular_a
VALUE_B = "b-sees-" + _mod_circular_a.VALUE_A
