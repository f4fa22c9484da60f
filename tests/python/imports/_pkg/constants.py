# Helper: constants for the package.
FACTOR = 7
