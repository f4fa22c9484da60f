# Helper: a module two levels down, importing from its grandparent package.
from ..constants import FACTOR
def leaf_name():
    return f"leaf with factor {FACTOR}"
