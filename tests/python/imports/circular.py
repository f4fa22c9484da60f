# A circular import works when names are defined before the cycle closes.
import _mod_circular_a
print(_mod_circular_a.from_b())
import _mod_circular_b
print(_mod_circular_b.VALUE_B)
